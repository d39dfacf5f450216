#pragma once
// Read-only, memory-mapped .safetensors file (https://github.com/huggingface/safetensors format:
// 8-byte little-endian header length, JSON header, raw little-endian tensor data).
// Every header entry is validated on open(); a malformed file yields an error message that names the
// file and the tensor, never a crash.
#include <torch/torch.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace shotcraft::torch_engine {

enum class SafeTensorsDType { F32, F16, BF16, I64, I32 };

// "F32" -> F32 etc.; false for names we do not support.
bool safeTensorsDTypeFromName(const std::string& name, SafeTensorsDType* out);
const char* safeTensorsDTypeName(SafeTensorsDType dtype);
int64_t safeTensorsDTypeSize(SafeTensorsDType dtype);
torch::ScalarType toScalarType(SafeTensorsDType dtype);

struct SafeTensorsInfo {
  std::string name;
  SafeTensorsDType dtype = SafeTensorsDType::F32;
  std::vector<int64_t> shape;
  uint64_t beginByte = 0;  // relative to the start of the data section
  uint64_t endByte = 0;    // exclusive
  int64_t numel() const;
};

class SafeTensorsFile {
 public:
  // Maps and validates the file. Returns nullptr and sets *error (if given) on any problem.
  static std::unique_ptr<SafeTensorsFile> open(const std::string& path, std::string* error);
  ~SafeTensorsFile();
  SafeTensorsFile(const SafeTensorsFile&) = delete;
  SafeTensorsFile& operator=(const SafeTensorsFile&) = delete;

  const std::string& path() const { return m_path; }
  // Tensor names, sorted.
  const std::vector<std::string>& names() const { return m_names; }
  bool contains(const std::string& name) const;
  const SafeTensorsInfo* info(const std::string& name) const;  // nullptr if absent
  // A CPU tensor viewing the mapped bytes (zero-copy, dtype as stored). It keeps the mapping alive on its
  // own, so it may outlive this object. Writing to it never changes the file (copy-on-write mapping).
  // An undefined tensor if the name is absent.
  torch::Tensor tensor(const std::string& name) const;
  const std::map<std::string, std::string>& metadata() const { return m_metadata; }
  uint64_t dataSizeBytes() const { return m_dataSizeBytes; }

  struct Mapping;  // RAII owner of the mmap region (defined in the .cpp)

 private:
  SafeTensorsFile() = default;

  std::string m_path;
  std::shared_ptr<Mapping> m_mapping;
  const uint8_t* m_data = nullptr;  // start of the data section
  uint64_t m_dataSizeBytes = 0;
  std::vector<std::string> m_names;
  std::unordered_map<std::string, SafeTensorsInfo> m_infos;
  std::map<std::string, std::string> m_metadata;
};

}  // namespace shotcraft::torch_engine
