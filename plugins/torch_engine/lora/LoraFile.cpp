#include "plugins/torch_engine/lora/LoraFile.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>

#include "plugins/torch_engine/convert/KeyMap.h"
#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/safetensors/SafeTensorsFile.h"

namespace shotcraft::torch_engine::lora {

namespace {

enum class Part { Down, Up, Alpha };

// Tensor-name endings of the supported formats (kohya, diffusers, PEFT, old attention processors).
const std::pair<const char*, Part> kEndings[] = {
    {".lora_down.weight", Part::Down},  {".lora_up.weight", Part::Up},
    {".lora_A.weight", Part::Down},     {".lora_B.weight", Part::Up},
    {".lora.down.weight", Part::Down},  {".lora.up.weight", Part::Up},
    {".lora_linear_layer.down.weight", Part::Down}, {".lora_linear_layer.up.weight", Part::Up},
    {"_lora.down.weight", Part::Down},  {"_lora.up.weight", Part::Up},
    {".alpha", Part::Alpha}};

// Prefixes that wrap a diffusers module name.
const char* const kWrappers[] = {"base_model.model.", ""};

struct Target {
  LoraTarget target;
  std::string parameter;
};
using Table = std::unordered_map<std::string, Target>;

std::string underscored(std::string s) {
  std::replace(s.begin(), s.end(), '.', '_');
  return s;
}

bool endsWith(const std::string& s, const std::string& e) {
  return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

// Every LoRA-able module name (kohya, diffusers, LDM spelling) -> our parameter.
Table buildTable(nn::UNet& unet, nn::ClipTextModel* text) {
  Table table;
  const convert::KeyMap ldm = convert::unetLdmKeyMap(unet->config());
  for (const auto& p : unet->named_parameters(true)) {
    if (!endsWith(p.key(), ".weight") || p.value().dim() < 2) continue;
    const std::string m = p.key().substr(0, p.key().size() - 7);
    const Target t{LoraTarget::UNet, p.key()};
    table.emplace("lora_unet_" + underscored(m), t);
    table.emplace("unet." + m, t);
    table.emplace(m, t);
    if (auto source = ldm.toLdm(p.key()); source && source->chunk < 0) {
      const std::string l = source->key.substr(ldm.ldmPrefix().size());
      table.emplace("lora_unet_" + underscored(l.substr(0, l.size() - 7)), t);
    }
  }
  if (text) {
    for (const auto& p : (*text)->named_parameters(true)) {
      if (!endsWith(p.key(), ".weight") || p.value().dim() < 2) continue;
      const std::string m = p.key().substr(0, p.key().size() - 7);
      const Target t{LoraTarget::TextEncoder, p.key()};
      table.emplace("lora_te_" + underscored(m), t);
      table.emplace("text_encoder." + m, t);
      table.emplace(m, t);
    }
  }
  return table;
}

const Target* resolve(const Table& table, const std::string& base) {
  for (const char* wrapper : kWrappers) {
    std::string name = base;
    if (name.rfind(wrapper, 0) != 0) continue;
    name = name.substr(std::string(wrapper).size());
    for (const std::string_view from : {std::string_view(".processor."), std::string_view()}) {
      std::string n = name;
      if (!from.empty()) {
        const size_t at = n.find(from);
        if (at == std::string::npos) continue;
        n = n.substr(0, at) + "." + n.substr(at + from.size());
      }
      for (const std::string& candidate : {n, n + ".0"}) {  // to_out_lora -> to_out.0
        if (auto it = table.find(candidate); it != table.end()) return &it->second;
      }
    }
  }
  return nullptr;
}

struct Group {
  std::string firstKey;
  torch::Tensor down, up;
  double alpha = -1.0;
};

}  // namespace

torch::Tensor LoraPatch::delta(c10::IntArrayRef shape) const {
  const auto u = up.to(torch::kFloat32).flatten(1);
  const auto d = down.to(torch::kFloat32).flatten(1);
  return torch::mm(u, d).mul(alpha / double(rank())).reshape(shape);
}

bool loadLora(const std::string& path, nn::UNet& unet, nn::ClipTextModel* text, LoraWeights* out,
              std::string* error) {
  auto file = SafeTensorsFile::open(path, error);
  if (!file) return false;
  auto fail = [&](const std::string& message) {
    *error = "LoRA " + path + ": " + message;
    return false;
  };
  try {
    std::map<std::string, Group> groups;
    for (const std::string& key : file->names()) {
      const auto ending = std::find_if(std::begin(kEndings), std::end(kEndings),
                                       [&](const auto& e) { return endsWith(key, e.first); });
      if (ending == std::end(kEndings)) {
        return fail("tensor '" + key + "' is not a lora_down/lora_up/alpha tensor (LoCon mid, LoHa, DoRA and "
                    "other LoRA variants are not supported)");
      }
      Group& g = groups[key.substr(0, key.size() - std::string(ending->first).size())];
      if (g.firstKey.empty()) g.firstKey = key;
      const torch::Tensor t = file->tensor(key);
      switch (ending->second) {
        case Part::Down: g.down = t; break;
        case Part::Up: g.up = t; break;
        case Part::Alpha: g.alpha = t.to(torch::kFloat64).item<double>(); break;
      }
    }
    const Table table = buildTable(unet, text);
    std::unordered_map<std::string, torch::Tensor> params;
    for (const auto& p : unet->named_parameters(true)) params.emplace("u:" + p.key(), p.value());
    if (text) {
      for (const auto& p : (*text)->named_parameters(true)) params.emplace("t:" + p.key(), p.value());
    }
    LoraWeights w;
    w.path = path;
    for (auto& [base, g] : groups) {
      if (!g.down.defined() || !g.up.defined()) {
        return fail("'" + base + "' needs both a down and an up tensor (found only '" + g.firstKey + "')");
      }
      const Target* target = resolve(table, base);
      if (!target) return fail("key '" + g.firstKey + "' names no module of the UNet or the text encoder");
      const auto& param = params.at((target->target == LoraTarget::UNet ? "u:" : "t:") + target->parameter);
      const auto shape = param.sizes();
      const int64_t rank = g.down.size(0);
      const bool ok = g.up.dim() >= 2 && g.up.size(0) == shape[0] && g.up.size(1) == rank &&
                      g.up.numel() == shape[0] * rank && g.down.numel() / rank == param.numel() / shape[0];
      if (!ok) {
        return fail("'" + g.firstKey + "': up " + nn::shapeString(g.up.sizes()) + " x down " +
                    nn::shapeString(g.down.sizes()) + " does not fit '" + target->parameter + "' " +
                    nn::shapeString(shape));
      }
      LoraPatch patch;
      patch.target = target->target;
      patch.parameter = target->parameter;
      patch.down = g.down.to(torch::kFloat32);
      patch.up = g.up.to(torch::kFloat32);
      patch.alpha = g.alpha > 0 ? g.alpha : double(rank);
      w.patches.push_back(std::move(patch));
    }
    *out = std::move(w);
  } catch (const c10::Error& e) {
    return fail(e.what_without_backtrace());
  }
  return true;
}

}  // namespace shotcraft::torch_engine::lora
