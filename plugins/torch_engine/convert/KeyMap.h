#pragma once
// A key-conversion table between an original (CompVis/LDM, OpenCLIP) single-file checkpoint and our
// diffusers/transformers parameter names. The table is data: a list of rules generated from a model config
// (block counts, levels), each mapping one LDM name (a prefix ending in '.', or a full key) to one diffusers
// name. A rule may also take one of `chunks` equal slices along dim 0 (OpenCLIP's fused in_proj q/k/v).
// Lookups pick the longest matching rule, so a key converts one way and back to itself.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace shotcraft::torch_engine::nn {
struct UNetConfig;
struct ControlNetConfig;
struct VaeConfig;
struct ClipTextConfig;
}  // namespace shotcraft::torch_engine::nn

namespace shotcraft::torch_engine::convert {

struct KeyRule {
  std::string ldm;        // "input_blocks.1.0.in_layers.0." (prefix) or "attn.in_proj_weight" (full key)
  std::string diffusers;  // "down_blocks.0.resnets.0.norm1."
  int chunk = -1;         // >= 0: the diffusers tensor is slice `chunk` of `chunks` of the LDM tensor (dim 0)
  int chunks = 0;
};

// Where a diffusers tensor comes from in the LDM file.
struct LdmSource {
  std::string key;
  int chunk = -1;
  int chunks = 0;
};

class KeyMap {
 public:
  KeyMap() = default;
  // ldmPrefix is prepended to every LDM name ("model.diffusion_model."), diffusersPrefix to every
  // diffusers name ("" for our modules).
  KeyMap(std::string ldmPrefix, std::string diffusersPrefix);

  void add(KeyRule rule);
  const std::vector<KeyRule>& rules() const { return m_rules; }
  const std::string& ldmPrefix() const { return m_ldmPrefix; }

  // LDM file key -> diffusers name (nullopt when no rule matches or the key is a fused tensor).
  std::optional<std::string> toDiffusers(const std::string& ldmKey) const;
  // diffusers name -> LDM file key (+ slice). nullopt when no rule matches.
  std::optional<LdmSource> toLdm(const std::string& diffusersKey) const;

 private:
  std::string m_ldmPrefix, m_diffusersPrefix;
  std::vector<KeyRule> m_rules;
  std::unordered_map<std::string, size_t> m_byLdm, m_byDiffusers;  // full rule names -> index
};

// UNet: model.diffusion_model.{input_blocks,middle_block,output_blocks,time_embed,out}.* for the given
// config's levels, layers per block and attention placement.
KeyMap unetLdmKeyMap(const nn::UNetConfig& config, const std::string& ldmPrefix = "model.diffusion_model.");
// ControlNet 1.x (original layout): control_model.{time_embed, input_blocks, middle_block} as for the UNet,
// plus input_hint_block.{0,2,...} -> controlnet_cond_embedding.{conv_in, blocks.N, conv_out},
// zero_convs.N.0 -> controlnet_down_blocks.N and middle_block_out.0 -> controlnet_mid_block.
KeyMap controlNetLdmKeyMap(const nn::ControlNetConfig& config, const std::string& ldmPrefix = "control_model.");
// VAE: first_stage_model.{encoder,decoder}.{down,up,mid}.* (decoder.up reversed), quant convs.
KeyMap vaeLdmKeyMap(const nn::VaeConfig& config, const std::string& ldmPrefix = "first_stage_model.");
// SD 1.x text encoder: cond_stage_model.transformer.text_model.* == text_model.* (HF CLIP in the file);
// withTextModel = false for old files without the "text_model." level (cond_stage_model.transformer.encoder.*).
KeyMap clipSd1KeyMap(const std::string& ldmPrefix = "cond_stage_model.transformer.", bool withTextModel = true);
// SD 2.x OpenCLIP text tower: cond_stage_model.model.{token_embedding, positional_embedding,
// transformer.resblocks.N.*, ln_final} for config.numHiddenLayers layers (in_proj split into q/k/v).
KeyMap clipOpenClipKeyMap(const nn::ClipTextConfig& config, const std::string& ldmPrefix = "cond_stage_model.model.");

}  // namespace shotcraft::torch_engine::convert
