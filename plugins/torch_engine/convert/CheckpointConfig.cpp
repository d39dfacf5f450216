#include "plugins/torch_engine/convert/CheckpointConfig.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace shotcraft::torch_engine::convert {

namespace {

namespace fs = std::filesystem;

const std::string kUNet = "model.diffusion_model.";
const std::string kVae = "first_stage_model.";

bool startsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

bool anyKeyStartsWith(const SafeTensorsFile& file, const std::string& prefix) {
  const auto& names = file.names();  // sorted
  auto it = std::lower_bound(names.begin(), names.end(), prefix);
  return it != names.end() && startsWith(*it, prefix);
}

// Distinct integers N in keys "<prefix>N<suffix...>".
std::set<int64_t> indicesAfter(const SafeTensorsFile& file, const std::string& prefix, const std::string& needle = "") {
  std::set<int64_t> out;
  const auto& names = file.names();
  for (auto it = std::lower_bound(names.begin(), names.end(), prefix); it != names.end() && startsWith(*it, prefix);
       ++it) {
    const std::string rest = it->substr(prefix.size());
    const size_t dot = rest.find('.');
    if (dot == 0 || dot == std::string::npos || rest.find_first_not_of("0123456789") != dot) continue;
    if (!needle.empty() && rest.find(needle, dot) != dot) continue;
    out.insert(std::stoll(rest.substr(0, dot)));
  }
  return out;
}

std::vector<int64_t> shapeOf(const SafeTensorsFile& file, const std::string& key) {
  const SafeTensorsInfo* info = file.info(key);
  return info ? info->shape : std::vector<int64_t>{};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

}  // namespace

bool impliesVPrediction(const std::string& path, std::string* why) {
  const fs::path p(path);
  const std::string stem = lower(p.stem().string());
  if (stem.find("768-v") != std::string::npos || std::regex_search(stem, std::regex("[-_]v$"))) {
    *why = "v-prediction (from the file name)";
    return true;
  }
  fs::path yaml = p;
  yaml.replace_extension(".yaml");
  std::ifstream in(yaml);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  if (std::regex_search(text.str(), std::regex(R"(parameterization\s*:\s*["']?v["']?\s*(\n|$))"))) {
    *why = "v-prediction (from " + yaml.filename().string() + ")";
    return true;
  }
  return false;
}

namespace {

// The UNet (or, with encoderOnly, a ControlNet's UNet-encoder copy) under `prefix`.
bool inferUNet(const SafeTensorsFile& f, bool sd2, nn::UNetConfig* c, std::string* error,
               const std::string& prefix = kUNet, bool encoderOnly = false) {
  const auto convIn = shapeOf(f, prefix + "input_blocks.0.0.weight");
  const auto out = shapeOf(f, prefix + "out.2.weight");
  const auto blocks = indicesAfter(f, prefix + "input_blocks.");
  const auto downs = indicesAfter(f, prefix + "input_blocks.", ".0.op.weight");
  if (convIn.size() != 4 || (out.size() != 4 && !encoderOnly) || blocks.empty()) {
    *error = "no UNet conv_in/out tensors under " + prefix;
    return false;
  }
  const auto levels = int64_t(downs.size()) + 1;
  const int64_t last = *blocks.rbegin();
  if ((last + 1) % levels != 0) {
    *error = "cannot infer the UNet layout (" + std::to_string(last) + " input blocks, " + std::to_string(levels) +
             " levels)";
    return false;
  }
  const int64_t perLevel = (last + 1) / levels;
  c->inChannels = convIn[1];
  c->convInKernel = convIn[2];
  if (!encoderOnly) {
    c->outChannels = out[0];
    c->convOutKernel = out[2];
  }
  c->layersPerBlock = perLevel - 1;
  c->blockOutChannels.clear();
  c->downBlockTypes.clear();
  c->upBlockTypes.assign(size_t(levels), "");
  c->crossAttentionDim.assign(size_t(levels), 768);
  c->numAttentionHeads.clear();
  c->transformerLayersPerBlock.clear();
  int64_t context = 0;
  for (const auto& name : f.names()) {
    if (startsWith(name, prefix) && name.find("attn2.to_k.weight") != std::string::npos) {
      context = shapeOf(f, name).at(1);
      break;
    }
  }
  for (int64_t i = 0; i < levels; ++i) {
    const std::string block = prefix + "input_blocks." + std::to_string(1 + i * perLevel) + ".";
    const auto conv = shapeOf(f, block + "0.out_layers.3.weight");
    if (conv.empty()) {
      *error = "tensor '" + block + "0.out_layers.3.weight' is missing";
      return false;
    }
    c->blockOutChannels.push_back(conv[0]);
    const auto projIn = shapeOf(f, block + "1.proj_in.weight");
    c->downBlockTypes.push_back(projIn.empty() ? "DownBlock2D" : "CrossAttnDownBlock2D");
    if (!projIn.empty()) c->useLinearProjection = projIn.size() == 2;
    c->numAttentionHeads.push_back(sd2 ? std::max<int64_t>(1, conv[0] / 64) : 8);
    const auto depth = indicesAfter(f, block + "1.transformer_blocks.");
    c->transformerLayersPerBlock.push_back(depth.empty() ? 1 : int64_t(depth.size()));
    const std::string upBlock = prefix + "output_blocks." + std::to_string(i * perLevel) + ".1.proj_in.weight";
    c->upBlockTypes[size_t(i)] = f.contains(upBlock) ? "CrossAttnUpBlock2D" : "UpBlock2D";
    if (context > 0) c->crossAttentionDim[size_t(i)] = context;
  }
  const auto timeEmbed = shapeOf(f, prefix + "time_embed.0.weight");
  if (!timeEmbed.empty() && timeEmbed[0] != 4 * c->blockOutChannels[0]) c->timeEmbeddingDim = timeEmbed[0];
  c->midBlockType = f.contains(prefix + "middle_block.1.proj_in.weight") ? "UNetMidBlock2DCrossAttn" : "UNetMidBlock2D";
  c->upcastAttention = sd2;
  c->sampleSize = sd2 ? 96 : 64;
  return c->validate(error);
}

bool inferVae(const SafeTensorsFile& f, nn::VaeConfig* c, std::string* error) {
  const auto levels = indicesAfter(f, kVae + "encoder.down.");
  const auto layers = indicesAfter(f, kVae + "encoder.down.0.block.");
  const auto convIn = shapeOf(f, kVae + "encoder.conv_in.weight");
  const auto decIn = shapeOf(f, kVae + "decoder.conv_in.weight");
  const auto decOut = shapeOf(f, kVae + "decoder.conv_out.weight");
  if (levels.empty() || layers.empty() || convIn.size() != 4 || decIn.size() != 4 || decOut.size() != 4) {
    *error = "the checkpoint has no VAE (first_stage_model.encoder/decoder tensors)";
    return false;
  }
  c->blockOutChannels.clear();
  for (int64_t i = 0; i < int64_t(levels.size()); ++i) {
    const auto conv = shapeOf(f, kVae + "encoder.down." + std::to_string(i) + ".block.0.conv1.weight");
    if (conv.empty()) {
      *error = "VAE encoder level " + std::to_string(i) + " has no block.0.conv1";
      return false;
    }
    c->blockOutChannels.push_back(conv[0]);
  }
  c->downBlockTypes.assign(levels.size(), "DownEncoderBlock2D");
  c->upBlockTypes.assign(levels.size(), "UpDecoderBlock2D");
  c->layersPerBlock = int64_t(layers.size());
  c->inChannels = convIn[1];
  c->outChannels = decOut[0];
  c->latentChannels = decIn[1];
  c->useQuantConv = f.contains(kVae + "quant_conv.weight");
  c->usePostQuantConv = f.contains(kVae + "post_quant_conv.weight");
  return c->validate(error);
}

bool inferText(const SafeTensorsFile& f, CheckpointConfig* out, std::string* error) {
  nn::ClipTextConfig& c = out->text;
  std::vector<int64_t> tokens, positions, fc1;
  int64_t layers = 0;
  if (anyKeyStartsWith(f, "cond_stage_model.model.")) {
    const std::string p = "cond_stage_model.model.";
    out->textLayout = TextLayout::OpenClip;
    tokens = shapeOf(f, p + "token_embedding.weight");
    positions = shapeOf(f, p + "positional_embedding");
    fc1 = shapeOf(f, p + "transformer.resblocks.0.mlp.c_fc.weight");
    out->openClipLayers = int(indicesAfter(f, p + "transformer.resblocks.").size());
    layers = out->openClipLayers - 1;  // SD 2.x conditions on the penultimate layer
    c.hiddenAct = nn::ClipActivation::Gelu;
  } else {
    std::string p = "cond_stage_model.transformer.text_model.";
    out->textLayout = TextLayout::HfClip;
    if (!anyKeyStartsWith(f, p)) {
      p = "cond_stage_model.transformer.";
      out->textLayout = TextLayout::HfClipNoTextModel;
    }
    tokens = shapeOf(f, p + "embeddings.token_embedding.weight");
    positions = shapeOf(f, p + "embeddings.position_embedding.weight");
    fc1 = shapeOf(f, p + "encoder.layers.0.mlp.fc1.weight");
    layers = int64_t(indicesAfter(f, p + "encoder.layers.").size());
    c.hiddenAct = nn::ClipActivation::QuickGelu;
  }
  if (tokens.size() != 2 || positions.size() != 2 || fc1.size() != 2 || layers < 1) {
    *error = "the checkpoint has no text encoder (cond_stage_model.transformer.* or cond_stage_model.model.*)";
    return false;
  }
  c.vocabSize = tokens[0];
  c.hiddenSize = tokens[1];
  c.maxPositionEmbeddings = positions[0];
  c.intermediateSize = fc1[0];
  c.numHiddenLayers = layers;
  c.numAttentionHeads = std::max<int64_t>(1, c.hiddenSize / 64);
  c.bosTokenId = c.vocabSize - 2;  // <|startoftext|>, <|endoftext|> are the last two CLIP ids
  c.eosTokenId = c.padTokenId = c.vocabSize - 1;
  return c.validate(error);
}

}  // namespace

const char* familyName(ModelFamily family) {
  switch (family) {
    case ModelFamily::Sd1: return "sd1";
    case ModelFamily::Sd2: return "sd2";
    case ModelFamily::Sd2V: return "sd2-v";
    case ModelFamily::Sdxl: return "sdxl";
    case ModelFamily::ControlNet: return "controlnet";
    case ModelFamily::Lora: return "lora";
    case ModelFamily::Vae: return "vae";
    case ModelFamily::Taesd: return "taesd";
    case ModelFamily::Unknown: break;
  }
  return "unknown";
}

ModelFamily detectLdmFamily(const SafeTensorsFile& file) {
  if (anyKeyStartsWith(file, "conditioner.embedders.") || anyKeyStartsWith(file, kUNet + "label_emb.")) {
    return ModelFamily::Sdxl;
  }
  if (!file.contains(kUNet + "input_blocks.0.0.weight")) return ModelFamily::Unknown;
  if (anyKeyStartsWith(file, "cond_stage_model.model.")) return ModelFamily::Sd2;
  if (anyKeyStartsWith(file, "cond_stage_model.transformer.")) return ModelFamily::Sd1;
  for (const auto& name : file.names()) {
    if (startsWith(name, kUNet) && name.find("attn2.to_k.weight") != std::string::npos) {
      return shapeOf(file, name).at(1) == 1024 ? ModelFamily::Sd2 : ModelFamily::Sd1;
    }
  }
  return ModelFamily::Sd1;
}

bool inferCheckpointConfig(const SafeTensorsFile& file, CheckpointConfig* out, std::string* error) {
  CheckpointConfig c;
  c.family = detectLdmFamily(file);
  const std::string where = file.path() + ": ";
  if (c.family == ModelFamily::Sdxl) {
    *error = where + "SDXL is not supported yet (found conditioner.embedders.* / label_emb tensors)";
    return false;
  }
  if (c.family == ModelFamily::Unknown) {
    *error = where + "not a Stable Diffusion checkpoint (no model.diffusion_model.input_blocks.0.0.weight)";
    return false;
  }
  std::string why;
  const bool sd2 = c.family == ModelFamily::Sd2;
  if (!inferUNet(file, sd2, &c.unet, &why) || !inferVae(file, &c.vae, &why) || !inferText(file, &c, &why)) {
    *error = where + why;
    return false;
  }
  if (sd2) {
    std::string how;
    if (impliesVPrediction(file.path(), &how)) {
      c.family = ModelFamily::Sd2V;
      c.prediction = PredictionType::VPrediction;
      c.note = "SD 2.x: " + how;
    } else {
      c.note = "SD 2.x: assuming epsilon prediction (no '768-v' in the file name and no .yaml beside it with "
               "parameterization: v); name the file *-v.safetensors for a v-prediction model";
    }
  }
  *out = std::move(c);
  return true;
}

bool inferControlNetConfig(const SafeTensorsFile& file, const std::string& prefix, nn::ControlNetConfig* out,
                           std::string* error) {
  nn::ControlNetConfig c;
  const std::string where = file.path() + ": ";
  std::string why;
  // SD 2.x ControlNets have a 1024-wide cross-attention (OpenCLIP) and linear projections.
  bool sd2 = false;
  for (const auto& name : file.names()) {
    if (startsWith(name, prefix) && name.find("attn2.to_k.weight") != std::string::npos) {
      sd2 = shapeOf(file, name).at(1) == 1024;
      break;
    }
  }
  if (!inferUNet(file, sd2, &c.unet, &why, prefix, true)) {
    *error = where + why;
    return false;
  }
  // input_hint_block: conv, then per extra embedding width {conv, stride-2 conv}, then the zero conv; every
  // second index is a SiLU.
  const auto hints = indicesAfter(file, prefix + "input_hint_block.", ".weight");
  const std::vector<int64_t> idx(hints.begin(), hints.end());
  if (idx.size() < 2 || idx.size() % 2 != 0) {
    *error = where + "cannot infer the ControlNet hint block from " + std::to_string(idx.size()) +
             " input_hint_block convolutions";
    return false;
  }
  const auto first = shapeOf(file, prefix + "input_hint_block.0.weight");
  if (first.size() != 4) {
    *error = where + "tensor '" + prefix + "input_hint_block.0.weight' is missing or not 4-D";
    return false;
  }
  c.conditioningChannels = first[1];
  c.conditioningEmbeddingOutChannels.clear();
  for (size_t k = 0; k + 1 < idx.size(); k += 2) {
    c.conditioningEmbeddingOutChannels.push_back(
        shapeOf(file, prefix + "input_hint_block." + std::to_string(idx[k]) + ".weight").at(0));
  }
  if (!c.validate(&why)) {
    *error = where + why;
    return false;
  }
  *out = std::move(c);
  return true;
}

}  // namespace shotcraft::torch_engine::convert
