#include "plugins/torch_engine/convert/MappedStateDict.h"

#include <map>
#include <set>

#include "plugins/torch_engine/nn/StateDict.h"

namespace shotcraft::torch_engine::convert {

namespace {

bool projectionCompatible(c10::IntArrayRef a, c10::IntArrayRef b) {
  auto squeezed = [](c10::IntArrayRef s) {
    std::vector<int64_t> v(s.begin(), s.end());
    if (v.size() == 4 && v[2] == 1 && v[3] == 1) v.resize(2);
    return v;
  };
  return squeezed(a).size() == 2 && squeezed(a) == squeezed(b);
}

bool isOptional(const std::string& name) { return name.size() >= 12 && name.rfind("position_ids") == name.size() - 12; }

}  // namespace

bool loadMappedStateDict(torch::nn::Module& module, const SafeTensorsFile& file, const KeyMap& map,
                         const MappedLoadOptions& options, std::string* error) {
  auto fail = [&](const std::string& message) {
    if (error) *error = file.path() + ": " + message;
    return false;
  };
  std::vector<std::pair<std::string, torch::Tensor>> targets;
  for (const auto& item : module.named_parameters(true)) targets.emplace_back(item.key(), item.value());
  for (const auto& item : module.named_buffers(true)) targets.emplace_back(item.key(), item.value());

  std::set<std::string> used;
  std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;
  for (auto& [name, target] : targets) {
    const auto source = map.toLdm(name);
    if (!source) return fail("no LDM key rule for parameter '" + name + "'");
    if (!file.contains(source->key)) {
      return fail("tensor '" + source->key + "' (for '" + name + "') is missing from the checkpoint");
    }
    used.insert(source->key);
    torch::Tensor t = file.tensor(source->key);
    if (source->chunk >= 0) {
      if (t.dim() < 1 || t.size(0) % source->chunks != 0) {
        return fail("tensor '" + source->key + "' cannot be split in " + std::to_string(source->chunks));
      }
      t = t.chunk(source->chunks, 0)[source->chunk];
    }
    if (t.sizes() != target.sizes()) {
      if (!projectionCompatible(t.sizes(), target.sizes())) {
        return fail("tensor '" + source->key + "' has shape " + nn::shapeString(t.sizes()) + " but '" + name +
                    "' expects " + nn::shapeString(target.sizes()));
      }
      t = t.reshape(target.sizes());
    }
    if (!t.is_floating_point() && target.is_floating_point()) {
      return fail("tensor '" + source->key + "' is not floating point");
    }
    copies.emplace_back(target, t);
  }
  if (options.rejectUnexpected) {
    for (const std::string& key : file.names()) {
      if (key.compare(0, map.ldmPrefix().size(), map.ldmPrefix()) != 0 || used.count(key) || isOptional(key)) continue;
      bool ignored = false;
      for (const auto& p : options.ignoredPrefixes) ignored = ignored || key.compare(0, p.size(), p) == 0;
      if (!ignored) return fail("tensor '" + key + "' is not used by the model (wrong model family or config?)");
    }
  }
  try {
    torch::NoGradGuard noGrad;
    for (auto& [target, source] : copies) target.copy_(source);
  } catch (const c10::Error& e) {
    return fail(std::string("cannot copy weights: ") + e.what_without_backtrace());
  }
  return true;
}

std::vector<std::pair<std::string, torch::Tensor>> toLdmStateDict(torch::nn::Module& module, const KeyMap& map) {
  std::map<std::string, std::vector<torch::Tensor>> fused;
  std::vector<std::pair<std::string, torch::Tensor>> items;
  for (const auto& item : module.named_parameters(true)) items.emplace_back(item.key(), item.value());
  for (const auto& item : module.named_buffers(true)) items.emplace_back(item.key(), item.value());
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& [name, value] : items) {
    const auto source = map.toLdm(name);
    if (!source) continue;
    const torch::Tensor t = value.detach().clone();
    if (source->chunk < 0) {
      out.emplace_back(source->key, t);
      continue;
    }
    auto& parts = fused[source->key];
    parts.resize(size_t(source->chunks));
    parts[size_t(source->chunk)] = t;
  }
  for (auto& [key, parts] : fused) out.emplace_back(key, torch::cat(parts, 0));
  return out;
}

}  // namespace shotcraft::torch_engine::convert
