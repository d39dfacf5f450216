#include "plugins/torch_engine/nn/StateDict.h"

#include <sstream>
#include <vector>

namespace shotcraft::torch_engine::nn {

namespace {

// [O, I, 1, 1] <-> [O, I]
bool projectionCompatible(c10::IntArrayRef a, c10::IntArrayRef b) {
  auto squeezed = [](c10::IntArrayRef s) {
    std::vector<int64_t> v(s.begin(), s.end());
    if (v.size() == 4 && v[2] == 1 && v[3] == 1) v.resize(2);
    return v;
  };
  const auto sa = squeezed(a), sb = squeezed(b);
  return sa.size() == 2 && sa == sb;
}

std::string listFirst(const std::vector<std::string>& names, size_t maxShown = 5) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < maxShown; ++i) out += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > maxShown) out += " and " + std::to_string(names.size() - maxShown) + " more";
  return out;
}

}  // namespace

std::string shapeString(c10::IntArrayRef shape) {
  std::ostringstream s;
  s << '[';
  for (size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
  s << ']';
  return s.str();
}

bool loadStateDict(torch::nn::Module& module, const SafeTensorsFile& file, const LoadStateDictOptions& options,
                   std::string* error) {
  auto fail = [&](const std::string& message) {
    if (error) *error = file.path() + ": " + message;
    return false;
  };
  std::vector<std::pair<std::string, torch::Tensor>> targets;
  for (const auto& item : module.named_parameters(true)) targets.emplace_back(item.key(), item.value());
  for (const auto& item : module.named_buffers(true)) targets.emplace_back(item.key(), item.value());

  // Pass 1: match names and check shapes/dtypes without touching the module.
  std::set<std::string> used;
  std::vector<std::string> missing;
  std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;  // (target, source)
  for (auto& [name, target] : targets) {
    const std::string key = options.prefix + name;
    const bool optional = options.optionalKeys.count(key) || options.optionalKeys.count(name);
    const SafeTensorsInfo* info = file.info(key);
    if (!info) {
      if (!optional) missing.push_back(key);
      continue;
    }
    used.insert(key);
    if (optional) continue;  // present or not, never trust its values
    torch::Tensor source = file.tensor(key);
    if (source.sizes() != target.sizes()) {
      if (!projectionCompatible(source.sizes(), target.sizes())) {
        return fail("tensor '" + key + "' has shape " + shapeString(source.sizes()) +
                    " in the file but the model expects " + shapeString(target.sizes()));
      }
      source = source.reshape(target.sizes());
    }
    if (!source.is_floating_point() && target.is_floating_point()) {
      return fail("tensor '" + key + "' is stored as " + safeTensorsDTypeName(info->dtype) +
                  " but the model expects floating point");
    }
    copies.emplace_back(target, source);
  }
  if (options.strict) {
    if (!missing.empty()) {
      return fail(std::to_string(missing.size()) + " tensor(s) missing, e.g. " + listFirst(missing) +
                  (options.prefix.empty() ? std::string() : " (key prefix '" + options.prefix + "')"));
    }
    std::vector<std::string> unexpected;
    for (const std::string& key : file.names()) {
      if (key.compare(0, options.prefix.size(), options.prefix) != 0) continue;
      if (!used.count(key) && !options.optionalKeys.count(key) &&
          !options.optionalKeys.count(key.substr(options.prefix.size()))) {
        unexpected.push_back(key);
      }
    }
    if (!unexpected.empty()) {
      return fail(std::to_string(unexpected.size()) + " unexpected tensor(s) the model does not use, e.g. " +
                  listFirst(unexpected) + " (wrong model type or configuration?)");
    }
  }
  // Pass 2: copy (converting dtype and device).
  try {
    torch::NoGradGuard noGrad;
    for (auto& [target, source] : copies) target.copy_(source);
  } catch (const c10::Error& e) {
    return fail(std::string("cannot copy weights: ") + e.what_without_backtrace());
  }
  return true;
}

bool loadStateDict(torch::nn::Module& module, const SafeTensorsFile& file, const std::string& prefix, bool strict,
                   std::string* error) {
  LoadStateDictOptions options;
  options.prefix = prefix;
  options.strict = strict;
  return loadStateDict(module, file, options, error);
}

}  // namespace shotcraft::torch_engine::nn
