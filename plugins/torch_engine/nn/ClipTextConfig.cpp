#include "plugins/torch_engine/nn/ClipTextConfig.h"

#include "plugins/torch_engine/nn/JsonFields.h"

namespace shotcraft::torch_engine::nn {

bool ClipTextConfig::validate(std::string* error) const {
  auto fail = [&](const std::string& message) {
    if (error) *error = "text encoder config: " + message;
    return false;
  };
  if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || maxPositionEmbeddings <= 0) {
    return fail("sizes must be positive");
  }
  if (numHiddenLayers < 1 || numHiddenLayers > 128) return fail("num_hidden_layers out of range");
  if (numAttentionHeads < 1 || hiddenSize % numAttentionHeads != 0) {
    return fail("hidden_size must be a multiple of num_attention_heads");
  }
  if (!(layerNormEps > 0.0)) return fail("layer_norm_eps must be positive");
  return true;
}

bool ClipTextConfig::fromJson(const std::string& jsonText, ClipTextConfig* out, std::string* error) {
  QJsonObject obj;
  if (!JsonFields::parse(jsonText, &obj, error)) return false;
  JsonFields r(obj);
  ClipTextConfig c;
  r.readInt("vocab_size", &c.vocabSize);
  r.readInt("hidden_size", &c.hiddenSize);
  r.readInt("intermediate_size", &c.intermediateSize);
  r.readInt("num_hidden_layers", &c.numHiddenLayers);
  r.readInt("num_attention_heads", &c.numAttentionHeads);
  r.readInt("max_position_embeddings", &c.maxPositionEmbeddings);
  r.readDouble("layer_norm_eps", &c.layerNormEps);
  r.readInt("bos_token_id", &c.bosTokenId);
  r.readInt("eos_token_id", &c.eosTokenId);
  r.readInt("pad_token_id", &c.padTokenId);
  std::string act = "quick_gelu";
  r.readString("hidden_act", &act);
  if (!r.ok()) {
    if (error) *error = "text encoder config: " + r.error();
    return false;
  }
  if (act == "quick_gelu") {
    c.hiddenAct = ClipActivation::QuickGelu;
  } else if (act == "gelu") {
    c.hiddenAct = ClipActivation::Gelu;
  } else {
    if (error) *error = "text encoder config: \"hidden_act\" = \"" + act + "\" is not supported (quick_gelu, gelu)";
    return false;
  }
  if (!c.validate(error)) return false;
  *out = c;
  return true;
}

bool ClipTextConfig::fromFile(const std::string& path, ClipTextConfig* out, std::string* error) {
  std::string text;
  if (!JsonFields::readFile(path, &text, error)) return false;
  if (!fromJson(text, out, error)) {
    if (error) *error = path + ": " + *error;
    return false;
  }
  return true;
}

}  // namespace shotcraft::torch_engine::nn
