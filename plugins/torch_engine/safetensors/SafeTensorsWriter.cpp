#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QString>

#include <algorithm>
#include <set>

namespace shotcraft::torch_engine {

namespace {

bool dtypeNameOf(torch::ScalarType type, const char** name) {
  switch (type) {
    case torch::kFloat32: *name = "F32"; return true;
    case torch::kFloat16: *name = "F16"; return true;
    case torch::kBFloat16: *name = "BF16"; return true;
    case torch::kInt64: *name = "I64"; return true;
    case torch::kInt32: *name = "I32"; return true;
    default: return false;
  }
}

}  // namespace

bool writeSafeTensors(const std::string& path, const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                      const std::map<std::string, std::string>& metadata, std::string* error) {
  auto fail = [&](const std::string& message) {
    if (error) *error = path + ": " + message;
    return false;
  };
  struct Entry {
    std::string name;
    torch::Tensor data;  // contiguous CPU
    const char* dtype = "";
  };
  std::vector<Entry> entries;
  std::set<std::string> seen;
  try {
    for (const auto& [name, t] : tensors) {
      if (name.empty() || name == "__metadata__") return fail("invalid tensor name '" + name + "'");
      if (!seen.insert(name).second) return fail("tensor '" + name + "' is given twice");
      if (!t.defined()) return fail("tensor '" + name + "' is undefined");
      Entry e;
      e.name = name;
      if (!dtypeNameOf(t.scalar_type(), &e.dtype)) {
        return fail("tensor '" + name + "' has unsupported dtype " + std::string(c10::toString(t.scalar_type())));
      }
      e.data = t.detach().to(torch::kCPU).contiguous();
      entries.push_back(std::move(e));
    }
  } catch (const c10::Error& ex) {
    return fail(std::string("cannot read a tensor: ") + ex.what_without_backtrace());
  }
  // Widest elements first keeps every tensor aligned to its element size (the header is padded to 8).
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.data.element_size() > b.data.element_size(); });

  QJsonObject header;
  if (!metadata.empty()) {
    QJsonObject meta;
    for (const auto& [k, v] : metadata) meta.insert(QString::fromStdString(k), QString::fromStdString(v));
    header.insert("__metadata__", meta);
  }
  qint64 offset = 0;
  for (const Entry& e : entries) {
    QJsonObject obj;
    obj.insert("dtype", e.dtype);
    QJsonArray shape;
    for (int64_t d : e.data.sizes()) shape.append(static_cast<qint64>(d));
    obj.insert("shape", shape);
    const qint64 bytes = static_cast<qint64>(e.data.numel() * e.data.element_size());
    obj.insert("data_offsets", QJsonArray{offset, offset + bytes});
    offset += bytes;
    header.insert(QString::fromStdString(e.name), obj);
  }
  QByteArray headerText = QJsonDocument(header).toJson(QJsonDocument::Compact);
  while (headerText.size() % 8 != 0) headerText.append(' ');

  QSaveFile out(QString::fromStdString(path));
  if (!out.open(QIODevice::WriteOnly)) return fail("cannot write: " + out.errorString().toStdString());
  const uint64_t headerBytes = static_cast<uint64_t>(headerText.size());
  char lengthBytes[8];
  for (int i = 0; i < 8; ++i) lengthBytes[i] = static_cast<char>((headerBytes >> (8 * i)) & 0xff);
  bool ok = out.write(lengthBytes, 8) == 8 && out.write(headerText) == headerText.size();
  for (const Entry& e : entries) {
    if (!ok) break;
    const qint64 bytes = static_cast<qint64>(e.data.numel() * e.data.element_size());
    if (bytes > 0) ok = out.write(static_cast<const char*>(e.data.data_ptr()), bytes) == bytes;
  }
  if (!ok) {
    out.cancelWriting();
    return fail("write failed: " + out.errorString().toStdString());
  }
  if (!out.commit()) return fail("cannot finish writing: " + out.errorString().toStdString());
  return true;
}

}  // namespace shotcraft::torch_engine
