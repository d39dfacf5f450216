#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace shotcraft::torch_engine {

static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian; big-endian hosts "
                                                          "would need byte swapping");

namespace {

constexpr uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53: larger JSON numbers are not exact

void setError(std::string* error, const std::string& message) {
  if (error) *error = message;
}

// A non-negative integral JSON number as uint64, or false.
bool jsonToUInt64(const QJsonValue& v, uint64_t* out) {
  if (!v.isDouble()) return false;
  const double d = v.toDouble();
  if (!(d >= 0.0) || d > kMaxExactInteger || std::floor(d) != d) return false;
  *out = static_cast<uint64_t>(v.toInteger());
  return static_cast<double>(*out) == d;
}

}  // namespace

struct SafeTensorsFile::Mapping {
  void* address = MAP_FAILED;
  size_t sizeBytes = 0;
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (address != MAP_FAILED) ::munmap(address, sizeBytes);
  }
};

bool safeTensorsDTypeFromName(const std::string& name, SafeTensorsDType* out) {
  static const std::pair<const char*, SafeTensorsDType> kTable[] = {
      {"F32", SafeTensorsDType::F32}, {"F16", SafeTensorsDType::F16}, {"BF16", SafeTensorsDType::BF16},
      {"I64", SafeTensorsDType::I64}, {"I32", SafeTensorsDType::I32}};
  for (const auto& [n, d] : kTable) {
    if (name == n) {
      *out = d;
      return true;
    }
  }
  return false;
}

const char* safeTensorsDTypeName(SafeTensorsDType dtype) {
  switch (dtype) {
    case SafeTensorsDType::F32: return "F32";
    case SafeTensorsDType::F16: return "F16";
    case SafeTensorsDType::BF16: return "BF16";
    case SafeTensorsDType::I64: return "I64";
    case SafeTensorsDType::I32: return "I32";
  }
  return "?";
}

int64_t safeTensorsDTypeSize(SafeTensorsDType dtype) {
  switch (dtype) {
    case SafeTensorsDType::F32: return 4;
    case SafeTensorsDType::F16: return 2;
    case SafeTensorsDType::BF16: return 2;
    case SafeTensorsDType::I64: return 8;
    case SafeTensorsDType::I32: return 4;
  }
  return 1;
}

torch::ScalarType toScalarType(SafeTensorsDType dtype) {
  switch (dtype) {
    case SafeTensorsDType::F32: return torch::kFloat32;
    case SafeTensorsDType::F16: return torch::kFloat16;
    case SafeTensorsDType::BF16: return torch::kBFloat16;
    case SafeTensorsDType::I64: return torch::kInt64;
    case SafeTensorsDType::I32: return torch::kInt32;
  }
  return torch::kFloat32;
}

int64_t SafeTensorsInfo::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

SafeTensorsFile::~SafeTensorsFile() = default;

std::unique_ptr<SafeTensorsFile> SafeTensorsFile::open(const std::string& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    setError(error, path + ": cannot open: " + std::strerror(errno));
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    setError(error, path + ": not a regular file");
    return nullptr;
  }
  const uint64_t fileSize = static_cast<uint64_t>(st.st_size);
  if (fileSize < 8) {
    ::close(fd);
    setError(error, path + ": file is too small (" + std::to_string(fileSize) + " bytes) to be a safetensors file");
    return nullptr;
  }
  auto mapping = std::make_shared<Mapping>();
  // Private, writable copy-on-write mapping: tensors viewing it may be written to without touching the file
  // and without a segfault.
  mapping->address = ::mmap(nullptr, fileSize, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  mapping->sizeBytes = fileSize;
  ::close(fd);
  if (mapping->address == MAP_FAILED) {
    setError(error, path + ": cannot memory-map: " + std::strerror(errno));
    return nullptr;
  }
  const auto* bytes = static_cast<const uint8_t*>(mapping->address);

  uint64_t headerBytes = 0;
  std::memcpy(&headerBytes, bytes, 8);
  if (headerBytes > kMaxHeaderBytes) {
    setError(error, path + ": header length " + std::to_string(headerBytes) + " is larger than the 100 MB limit");
    return nullptr;
  }
  if (headerBytes > fileSize - 8) {
    setError(error, path + ": header length " + std::to_string(headerBytes) + " exceeds the file size " +
                        std::to_string(fileSize) + " (truncated file?)");
    return nullptr;
  }

  QJsonParseError parseError{};
  const QByteArray headerText =
      QByteArray::fromRawData(reinterpret_cast<const char*>(bytes + 8), static_cast<qsizetype>(headerBytes));
  const QJsonDocument doc = QJsonDocument::fromJson(headerText, &parseError);
  if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
    setError(error, path + ": header is not a JSON object" +
                        (parseError.error != QJsonParseError::NoError
                             ? " (" + parseError.errorString().toStdString() + " at byte " +
                                   std::to_string(parseError.offset) + ")"
                             : std::string()));
    return nullptr;
  }

  std::unique_ptr<SafeTensorsFile> file(new SafeTensorsFile());
  file->m_path = path;
  file->m_data = bytes + 8 + headerBytes;
  file->m_dataSizeBytes = fileSize - 8 - headerBytes;

  const QJsonObject root = doc.object();
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string name = it.key().toStdString();
    const QJsonValue value = it.value();
    if (name == "__metadata__") {
      if (!value.isObject()) {
        setError(error, path + ": __metadata__ is not a JSON object");
        return nullptr;
      }
      const QJsonObject meta = value.toObject();
      for (auto m = meta.begin(); m != meta.end(); ++m) {
        if (m.value().isString()) file->m_metadata[m.key().toStdString()] = m.value().toString().toStdString();
      }
      continue;
    }
    const std::string where = path + ": tensor '" + name + "'";
    if (name.empty()) {
      setError(error, path + ": a tensor has an empty name");
      return nullptr;
    }
    if (!value.isObject()) {
      setError(error, where + ": header entry is not a JSON object");
      return nullptr;
    }
    const QJsonObject entry = value.toObject();
    SafeTensorsInfo info;
    info.name = name;
    const QJsonValue dtypeValue = entry.value("dtype");
    if (!dtypeValue.isString()) {
      setError(error, where + ": missing or non-string \"dtype\"");
      return nullptr;
    }
    const std::string dtypeName = dtypeValue.toString().toStdString();
    if (!safeTensorsDTypeFromName(dtypeName, &info.dtype)) {
      setError(error, where + ": unsupported dtype \"" + dtypeName + "\" (supported: F32, F16, BF16, I64, I32)");
      return nullptr;
    }
    const QJsonValue shapeValue = entry.value("shape");
    if (!shapeValue.isArray() || shapeValue.toArray().size() > 16) {
      setError(error, where + ": missing or invalid \"shape\" (an array of at most 16 dimensions expected)");
      return nullptr;
    }
    uint64_t elements = 1;
    bool overflow = false;
    for (const QJsonValue& dim : shapeValue.toArray()) {
      uint64_t d = 0;
      if (!jsonToUInt64(dim, &d) || d > static_cast<uint64_t>(INT64_MAX)) {
        setError(error, where + ": shape has a dimension that is not a non-negative integer");
        return nullptr;
      }
      info.shape.push_back(static_cast<int64_t>(d));
      overflow = overflow || __builtin_mul_overflow(elements, d, &elements);
    }
    uint64_t expectedBytes = 0;
    overflow = overflow ||
               __builtin_mul_overflow(elements, static_cast<uint64_t>(safeTensorsDTypeSize(info.dtype)), &expectedBytes);
    if (overflow || elements > static_cast<uint64_t>(INT64_MAX)) {
      setError(error, where + ": shape is too large (element count overflows)");
      return nullptr;
    }
    const QJsonValue offsetsValue = entry.value("data_offsets");
    const QJsonArray offsets = offsetsValue.toArray();
    if (!offsetsValue.isArray() || offsets.size() != 2 || !jsonToUInt64(offsets[0], &info.beginByte) ||
        !jsonToUInt64(offsets[1], &info.endByte)) {
      setError(error, where + ": missing or invalid \"data_offsets\" (two non-negative integers expected)");
      return nullptr;
    }
    const std::string range = "[" + std::to_string(info.beginByte) + "," + std::to_string(info.endByte) + "]";
    if (info.beginByte > info.endByte) {
      setError(error, where + ": data_offsets " + range + " are reversed");
      return nullptr;
    }
    if (info.endByte > file->m_dataSizeBytes) {
      setError(error, where + ": data_offsets " + range + " exceed the file's data size " +
                          std::to_string(file->m_dataSizeBytes) + " (truncated file?)");
      return nullptr;
    }
    if (info.endByte - info.beginByte != expectedBytes) {
      setError(error, where + ": data_offsets " + range + " hold " + std::to_string(info.endByte - info.beginByte) +
                          " bytes but dtype " + dtypeName + " and the shape need " + std::to_string(expectedBytes));
      return nullptr;
    }
    file->m_names.push_back(name);
    file->m_infos.emplace(name, std::move(info));
  }

  // No two tensors may share bytes.
  std::vector<const SafeTensorsInfo*> sorted;
  for (const auto& [name, info] : file->m_infos) {
    if (info.endByte > info.beginByte) sorted.push_back(&info);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const SafeTensorsInfo* a, const SafeTensorsInfo* b) { return a->beginByte < b->beginByte; });
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i]->beginByte < sorted[i - 1]->endByte) {
      setError(error, path + ": tensor '" + sorted[i]->name + "' overlaps tensor '" + sorted[i - 1]->name + "'");
      return nullptr;
    }
  }
  file->m_mapping = std::move(mapping);
  return file;
}

bool SafeTensorsFile::contains(const std::string& name) const { return m_infos.count(name) != 0; }

const SafeTensorsInfo* SafeTensorsFile::info(const std::string& name) const {
  auto it = m_infos.find(name);
  return it == m_infos.end() ? nullptr : &it->second;
}

torch::Tensor SafeTensorsFile::tensor(const std::string& name) const {
  const SafeTensorsInfo* i = info(name);
  if (!i) return {};
  const auto options = torch::TensorOptions().dtype(toScalarType(i->dtype)).device(torch::kCPU);
  if (i->numel() == 0) return torch::empty(i->shape, options);
  auto* ptr = const_cast<uint8_t*>(m_data + i->beginByte);
  if (reinterpret_cast<uintptr_t>(ptr) % static_cast<uintptr_t>(safeTensorsDTypeSize(i->dtype)) != 0) {
    // Misaligned for its element type: hand out an aligned copy instead of a view.
    torch::Tensor copy = torch::empty(i->shape, options);
    std::memcpy(copy.data_ptr(), ptr, i->endByte - i->beginByte);
    return copy;
  }
  std::shared_ptr<Mapping> keepAlive = m_mapping;
  return torch::from_blob(
      ptr, i->shape, [keepAlive](void*) mutable { keepAlive.reset(); }, options);
}

}  // namespace shotcraft::torch_engine
