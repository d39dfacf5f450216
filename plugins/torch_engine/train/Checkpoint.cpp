#include "plugins/torch_engine/train/Checkpoint.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <filesystem>

#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"
#include "plugins/torch_engine/safetensors/SafeTensorsWriter.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;

namespace {

bool writeJson(const fs::path& path, const QJsonObject& obj, std::string* error) {
  QFile f(QString::fromStdString(path.string()));
  const QByteArray bytes = QJsonDocument(obj).toJson(QJsonDocument::Indented);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size()) {
    if (error) *error = "cannot write " + path.string();
    return false;
  }
  return true;
}

}  // namespace

bool saveModules(const std::string& path, const std::vector<NamedModule>& modules, std::string* error) {
  std::vector<std::pair<std::string, torch::Tensor>> tensors;
  for (const auto& m : modules) {
    for (const auto& p : m.module->named_parameters()) {
      tensors.emplace_back(m.prefix + p.key(), p.value().detach().to(torch::kCPU, torch::kFloat32).contiguous());
    }
    for (const auto& b : m.module->named_buffers()) {
      if (b.value().is_floating_point()) {
        tensors.emplace_back(m.prefix + b.key(), b.value().detach().to(torch::kCPU, torch::kFloat32).contiguous());
      }
    }
  }
  return writeSafeTensors(path, tensors, {{"format", "pt"}}, error);
}

bool loadModules(const std::string& path, const std::vector<NamedModule>& modules, std::string* error) {
  auto file = SafeTensorsFile::open(path, error);
  if (!file) return false;
  for (const auto& m : modules) {
    nn::LoadStateDictOptions options;
    options.prefix = m.prefix;
    options.strict = false;  // other modules' keys live in the same file
    if (!nn::loadStateDict(*m.module, *file, options, error)) return false;
  }
  return true;
}

bool saveCheckpoint(const std::string& dir, const std::vector<NamedModule>& modules,
                    torch::optim::Optimizer& optimizer, const TrainState& state, std::string* error) {
  const fs::path target(dir);
  const fs::path tmp = target.string() + ".tmp";
  const fs::path old = target.string() + ".old";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp, ec);
  if (ec) {
    if (error) *error = "cannot create " + tmp.string() + ": " + ec.message();
    return false;
  }
  if (!saveModules((tmp / "model.safetensors").string(), modules, error)) return false;
  try {
    torch::save(optimizer, (tmp / "optimizer.pt").string());
  } catch (const c10::Error& e) {
    if (error) *error = "cannot save the optimizer state: " + std::string(e.what_without_backtrace());
    return false;
  }
  QJsonObject obj;
  obj.insert(QStringLiteral("stage"), QString::fromStdString(state.stage));
  obj.insert(QStringLiteral("step"), double(state.step));
  obj.insert(QStringLiteral("total_steps"), double(state.total_steps));
  obj.insert(QStringLiteral("data_seed"), QString::number(state.data_seed));
  obj.insert(QStringLiteral("elapsed_s"), state.elapsed_s);
  QJsonArray losses;
  for (const auto& [step, loss] : state.losses) losses.append(QJsonArray{double(step), loss});
  obj.insert(QStringLiteral("losses"), losses);
  if (!state.objective.empty()) {
    QJsonObject objective;
    for (const auto& [key, value] : state.objective)
      objective.insert(QString::fromStdString(key), QString::fromStdString(value));
    obj.insert(QStringLiteral("objective"), objective);
  }
  if (!writeJson(tmp / "state.json", obj, error)) return false;
  fs::remove_all(old, ec);
  if (fs::exists(target)) fs::rename(target, old, ec);
  if (!ec) fs::rename(tmp, target, ec);
  if (ec) {
    if (error) *error = "cannot swap in checkpoint " + target.string() + ": " + ec.message();
    return false;
  }
  fs::remove_all(old, ec);
  return true;
}

bool loadCheckpoint(const std::string& dirPath, const std::vector<NamedModule>& modules,
                    torch::optim::Optimizer& optimizer, TrainState* state, std::string* error) {
  fs::path dir(dirPath);
  if (!fs::exists(dir / "state.json") && fs::exists(fs::path(dirPath + ".old") / "state.json")) {
    dir = dirPath + ".old";  // interrupted between the two renames
  }
  if (error) error->clear();
  if (!fs::exists(dir / "state.json")) return false;
  QFile f(QString::fromStdString((dir / "state.json").string()));
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = "cannot read " + (dir / "state.json").string();
    return false;
  }
  const QJsonObject obj = QJsonDocument::fromJson(f.readAll()).object();
  if (!obj.contains(QStringLiteral("step"))) {
    if (error) *error = (dir / "state.json").string() + ": no 'step'";
    return false;
  }
  TrainState s;
  s.stage = obj.value(QStringLiteral("stage")).toString().toStdString();
  s.step = int64_t(obj.value(QStringLiteral("step")).toDouble());
  s.total_steps = int64_t(obj.value(QStringLiteral("total_steps")).toDouble());
  s.data_seed = obj.value(QStringLiteral("data_seed")).toString().toULongLong();
  s.elapsed_s = obj.value(QStringLiteral("elapsed_s")).toDouble();
  for (const auto& v : obj.value(QStringLiteral("losses")).toArray()) {
    const QJsonArray pair = v.toArray();
    s.losses.emplace_back(int64_t(pair.at(0).toDouble()), pair.at(1).toDouble());
  }
  const QJsonObject objective = obj.value(QStringLiteral("objective")).toObject();
  for (auto it = objective.begin(); it != objective.end(); ++it)
    s.objective[it.key().toStdString()] = it.value().toString().toStdString();
  if (!loadModules((dir / "model.safetensors").string(), modules, error)) return false;
  try {
    torch::load(optimizer, (dir / "optimizer.pt").string());
  } catch (const c10::Error& e) {
    if (error) *error = "cannot load the optimizer state: " + std::string(e.what_without_backtrace());
    return false;
  }
  *state = std::move(s);
  return true;
}

}  // namespace shotcraft::torch_engine::train
