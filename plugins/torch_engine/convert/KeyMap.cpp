#include "plugins/torch_engine/convert/KeyMap.h"

#include <utility>

#include "plugins/torch_engine/nn/ClipTextConfig.h"
#include "plugins/torch_engine/nn/ModelConfig.h"
#include "plugins/torch_engine/nn/VaeConfig.h"

namespace shotcraft::torch_engine::convert {

namespace {

std::string str(int64_t v) { return std::to_string(v); }

// Longest rule name that is `key` itself or a prefix of it ending at a '.', or "" rules.
template <typename Lookup>
std::optional<size_t> longestMatch(const std::string& key, const Lookup& table) {
  if (auto it = table.find(key); it != table.end()) return it->second;
  for (size_t pos = key.size(); pos-- > 0;) {
    if (key[pos] != '.') continue;
    if (auto it = table.find(key.substr(0, pos + 1)); it != table.end()) return it->second;
  }
  if (auto it = table.find(std::string()); it != table.end()) return it->second;
  return std::nullopt;
}

// LDM ResBlock sub-module names -> diffusers ResnetBlock2D names.
const std::pair<const char*, const char*> kUNetResnet[] = {
    {"in_layers.0.", "norm1."},  {"in_layers.2.", "conv1."},          {"emb_layers.1.", "time_emb_proj."},
    {"out_layers.0.", "norm2."}, {"out_layers.3.", "conv2."},         {"skip_connection.", "conv_shortcut."}};
// LDM VAE ResnetBlock -> diffusers: only the shortcut is renamed.
const std::pair<const char*, const char*> kVaeResnet[] = {{"", ""}, {"nin_shortcut.", "conv_shortcut."}};
// LDM VAE AttnBlock -> diffusers Attention (1x1 conv weights become linear weights on load).
const std::pair<const char*, const char*> kVaeAttention[] = {
    {"norm.", "group_norm."}, {"q.", "to_q."}, {"k.", "to_k."}, {"v.", "to_v."}, {"proj_out.", "to_out.0."}};
// OpenCLIP residual attention block -> transformers CLIPEncoderLayer.
const std::pair<const char*, const char*> kOpenClipLayer[] = {
    {"ln_1.", "layer_norm1."}, {"ln_2.", "layer_norm2."}, {"attn.out_proj.", "self_attn.out_proj."},
    {"mlp.c_fc.", "mlp.fc1."}, {"mlp.c_proj.", "mlp.fc2."}};

template <size_t N>
void addGroup(KeyMap& map, const std::string& ldmBase, const std::string& diffBase,
              const std::pair<const char*, const char*> (&table)[N]) {
  for (const auto& [l, d] : table) map.add({ldmBase + l, diffBase + d});
}

bool hasAttention(const std::string& blockType) { return blockType.rfind("CrossAttn", 0) == 0; }

}  // namespace

KeyMap::KeyMap(std::string ldmPrefix, std::string diffusersPrefix)
    : m_ldmPrefix(std::move(ldmPrefix)), m_diffusersPrefix(std::move(diffusersPrefix)) {}

void KeyMap::add(KeyRule rule) {
  const size_t index = m_rules.size();
  if (rule.chunk < 0) m_byLdm[rule.ldm] = index;
  m_byDiffusers[rule.diffusers] = index;
  m_rules.push_back(std::move(rule));
}

std::optional<std::string> KeyMap::toDiffusers(const std::string& ldmKey) const {
  if (ldmKey.compare(0, m_ldmPrefix.size(), m_ldmPrefix) != 0) return std::nullopt;
  const std::string rest = ldmKey.substr(m_ldmPrefix.size());
  const auto index = longestMatch(rest, m_byLdm);
  if (!index) return std::nullopt;
  const KeyRule& r = m_rules[*index];
  return m_diffusersPrefix + r.diffusers + rest.substr(r.ldm.size());
}

std::optional<LdmSource> KeyMap::toLdm(const std::string& diffusersKey) const {
  if (diffusersKey.compare(0, m_diffusersPrefix.size(), m_diffusersPrefix) != 0) return std::nullopt;
  const std::string rest = diffusersKey.substr(m_diffusersPrefix.size());
  const auto index = longestMatch(rest, m_byDiffusers);
  if (!index) return std::nullopt;
  const KeyRule& r = m_rules[*index];
  if (r.chunk >= 0 && rest != r.diffusers) return std::nullopt;  // a fused rule names one full key
  return LdmSource{m_ldmPrefix + r.ldm + rest.substr(r.diffusers.size()), r.chunk, r.chunks};
}

KeyMap unetLdmKeyMap(const nn::UNetConfig& c, const std::string& ldmPrefix) {
  KeyMap map(ldmPrefix, "");
  map.add({"time_embed.0.", "time_embedding.linear_1."});
  map.add({"time_embed.2.", "time_embedding.linear_2."});
  map.add({"input_blocks.0.0.", "conv_in."});
  map.add({"out.0.", "conv_norm_out."});
  map.add({"out.2.", "conv_out."});
  const auto levels = int64_t(c.blockOutChannels.size());
  const int64_t perLevel = c.layersPerBlock + 1;  // resnets (+ attentions) and one downsampler
  for (int64_t i = 0; i < levels; ++i) {
    const bool attn = hasAttention(c.downBlockTypes.at(size_t(i)));
    for (int64_t j = 0; j < c.layersPerBlock; ++j) {
      const std::string ldm = "input_blocks." + str(1 + i * perLevel + j) + ".";
      const std::string diff = "down_blocks." + str(i) + ".";
      addGroup(map, ldm + "0.", diff + "resnets." + str(j) + ".", kUNetResnet);
      if (attn) map.add({ldm + "1.", diff + "attentions." + str(j) + "."});
    }
    if (i + 1 < levels) {
      map.add({"input_blocks." + str((i + 1) * perLevel) + ".0.op.", "down_blocks." + str(i) + ".downsamplers.0.conv."});
    }
  }
  addGroup(map, "middle_block.0.", "mid_block.resnets.0.", kUNetResnet);
  map.add({"middle_block.1.", "mid_block.attentions.0."});
  addGroup(map, "middle_block.2.", "mid_block.resnets.1.", kUNetResnet);
  for (int64_t i = 0; i < levels; ++i) {
    const bool attn = hasAttention(c.upBlockTypes.at(size_t(i)));
    const std::string diff = "up_blocks." + str(i) + ".";
    for (int64_t j = 0; j <= c.layersPerBlock; ++j) {
      const std::string ldm = "output_blocks." + str(i * perLevel + j) + ".";
      addGroup(map, ldm + "0.", diff + "resnets." + str(j) + ".", kUNetResnet);
      if (attn) map.add({ldm + "1.", diff + "attentions." + str(j) + "."});
    }
    if (i + 1 < levels) {
      const std::string ldm = "output_blocks." + str(i * perLevel + c.layersPerBlock) + "." + (attn ? "2" : "1");
      map.add({ldm + ".conv.", diff + "upsamplers.0.conv."});
    }
  }
  return map;
}

KeyMap controlNetLdmKeyMap(const nn::ControlNetConfig& c, const std::string& ldmPrefix) {
  nn::UNetConfig encoder = c.unet;  // a ControlNet has no decoder: its up-block fields may be unset
  encoder.upBlockTypes.assign(encoder.blockOutChannels.size(), "UpBlock2D");
  KeyMap map = unetLdmKeyMap(encoder, ldmPrefix);  // the decoder-side rules go unused
  const auto widths = int64_t(c.conditioningEmbeddingOutChannels.size());
  map.add({"input_hint_block.0.", "controlnet_cond_embedding.conv_in."});
  for (int64_t k = 0; k < 2 * (widths - 1); ++k) {
    map.add({"input_hint_block." + str(2 * (k + 1)) + ".", "controlnet_cond_embedding.blocks." + str(k) + "."});
  }
  map.add({"input_hint_block." + str(4 * widths - 2) + ".", "controlnet_cond_embedding.conv_out."});
  const auto levels = int64_t(c.unet.blockOutChannels.size());
  const int64_t skips = 1 + levels * c.unet.layersPerBlock + (levels - 1);  // conv_in, resnets, downsamplers
  for (int64_t i = 0; i < skips; ++i) map.add({"zero_convs." + str(i) + ".0.", "controlnet_down_blocks." + str(i) + "."});
  map.add({"middle_block_out.0.", "controlnet_mid_block."});
  return map;
}

KeyMap vaeLdmKeyMap(const nn::VaeConfig& c, const std::string& ldmPrefix) {
  KeyMap map(ldmPrefix, "");
  const auto levels = int64_t(c.blockOutChannels.size());
  for (const std::string side : {"encoder.", "decoder."}) {
    map.add({side + "conv_in.", side + "conv_in."});
    map.add({side + "conv_out.", side + "conv_out."});
    map.add({side + "norm_out.", side + "conv_norm_out."});
    addGroup(map, side + "mid.block_1.", side + "mid_block.resnets.0.", kVaeResnet);
    addGroup(map, side + "mid.block_2.", side + "mid_block.resnets.1.", kVaeResnet);
    addGroup(map, side + "mid.attn_1.", side + "mid_block.attentions.0.", kVaeAttention);
  }
  for (int64_t i = 0; i < levels; ++i) {
    const std::string ldm = "encoder.down." + str(i) + ".";
    const std::string diff = "encoder.down_blocks." + str(i) + ".";
    for (int64_t j = 0; j < c.layersPerBlock; ++j) {
      addGroup(map, ldm + "block." + str(j) + ".", diff + "resnets." + str(j) + ".", kVaeResnet);
    }
    if (i + 1 < levels) map.add({ldm + "downsample.conv.", diff + "downsamplers.0.conv."});
  }
  for (int64_t i = 0; i < levels; ++i) {  // diffusers up_blocks[i] == LDM decoder.up[levels - 1 - i]
    const std::string ldm = "decoder.up." + str(levels - 1 - i) + ".";
    const std::string diff = "decoder.up_blocks." + str(i) + ".";
    for (int64_t j = 0; j <= c.layersPerBlock; ++j) {
      addGroup(map, ldm + "block." + str(j) + ".", diff + "resnets." + str(j) + ".", kVaeResnet);
    }
    if (i + 1 < levels) map.add({ldm + "upsample.conv.", diff + "upsamplers.0.conv."});
  }
  map.add({"quant_conv.", "quant_conv."});
  map.add({"post_quant_conv.", "post_quant_conv."});
  return map;
}

KeyMap clipSd1KeyMap(const std::string& ldmPrefix, bool withTextModel) {
  KeyMap map(ldmPrefix, "");
  map.add({withTextModel ? "text_model." : "", "text_model."});
  return map;
}

KeyMap clipOpenClipKeyMap(const nn::ClipTextConfig& c, const std::string& ldmPrefix) {
  KeyMap map(ldmPrefix, "");
  map.add({"token_embedding.weight", "text_model.embeddings.token_embedding.weight"});
  map.add({"positional_embedding", "text_model.embeddings.position_embedding.weight"});
  map.add({"ln_final.", "text_model.final_layer_norm."});
  const char* qkv[3] = {"q_proj", "k_proj", "v_proj"};
  for (int64_t i = 0; i < c.numHiddenLayers; ++i) {
    const std::string ldm = "transformer.resblocks." + str(i) + ".";
    const std::string diff = "text_model.encoder.layers." + str(i) + ".";
    addGroup(map, ldm, diff, kOpenClipLayer);
    for (int k = 0; k < 3; ++k) {
      map.add({ldm + "attn.in_proj_weight", diff + "self_attn." + qkv[k] + ".weight", k, 3});
      map.add({ldm + "attn.in_proj_bias", diff + "self_attn." + qkv[k] + ".bias", k, 3});
    }
  }
  return map;
}

}  // namespace shotcraft::torch_engine::convert
