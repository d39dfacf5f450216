#include "plugins/torch_engine/nn/ModelConfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QString>

#include <cmath>

namespace shotcraft::torch_engine::nn {

namespace {

class JsonReader {
 public:
  explicit JsonReader(const QJsonObject& obj) : m_obj(obj) {}
  const std::string& error() const { return m_error; }
  bool ok() const { return m_error.empty(); }

  bool has(const char* key) const { return m_obj.contains(key) && !m_obj.value(key).isNull(); }

  void readInt(const char* key, int64_t* out) {
    if (!has(key)) return;
    const QJsonValue v = m_obj.value(key);
    if (!v.isDouble() || std::floor(v.toDouble()) != v.toDouble()) return fail(key, "an integer");
    *out = v.toInteger();
  }
  void readDouble(const char* key, double* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isDouble()) return fail(key, "a number");
    *out = m_obj.value(key).toDouble();
  }
  void readBool(const char* key, bool* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isBool()) return fail(key, "true or false");
    *out = m_obj.value(key).toBool();
  }
  void readString(const char* key, std::string* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isString()) return fail(key, "a string");
    *out = m_obj.value(key).toString().toStdString();
  }
  void readStringList(const char* key, std::vector<std::string>* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isArray()) return fail(key, "a list of strings");
    out->clear();
    for (const QJsonValue& v : m_obj.value(key).toArray()) {
      if (!v.isString()) return fail(key, "a list of strings");
      out->push_back(v.toString().toStdString());
    }
  }
  // An integer (broadcast to `count` entries) or a list of integers; count 0: a list of any length.
  void readIntOrList(const char* key, size_t count, std::vector<int64_t>* out) {
    if (!has(key)) {
      if (count > 0 && !out->empty() && out->size() != count) out->assign(count, out->back());
      return;
    }
    const QJsonValue v = m_obj.value(key);
    if (v.isDouble() && count > 0) {
      int64_t x = 0;
      readInt(key, &x);
      out->assign(count, x);
      return;
    }
    if (!v.isArray()) return fail(key, "an integer or a list of integers");
    out->clear();
    for (const QJsonValue& e : v.toArray()) {
      if (!e.isDouble() || std::floor(e.toDouble()) != e.toDouble()) return fail(key, "a list of integers");
      out->push_back(e.toInteger());
    }
  }
  // Keys that select features we do not implement: must be absent, null or equal to `expected`.
  void rejectUnless(const char* key, const QJsonValue& expected = QJsonValue()) {
    if (!has(key) || m_obj.value(key) == expected) return;
    if (m_error.empty()) {
      m_error = std::string("\"") + key + "\" = " +
                QJsonDocument(QJsonArray{m_obj.value(key)}).toJson(QJsonDocument::Compact).toStdString() +
                " is not supported";
    }
  }

 private:
  void fail(const char* key, const char* what) {
    if (m_error.empty()) m_error = std::string("\"") + key + "\" must be " + what;
  }
  QJsonObject m_obj;
  std::string m_error;
};

bool parseObject(const std::string& text, QJsonObject* out, std::string* error) {
  QJsonParseError parseError{};
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &parseError);
  if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
    if (error) *error = "config is not a JSON object: " + parseError.errorString().toStdString();
    return false;
  }
  *out = doc.object();
  return true;
}

bool readText(const std::string& path, std::string* text, std::string* error) {
  QFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = path + ": cannot open: " + file.errorString().toStdString();
    return false;
  }
  *text = file.readAll().toStdString();
  return true;
}

// The keys the UNet and the ControlNet share.
void readCommon(JsonReader& r, UNetConfig* c) {
  r.readInt("in_channels", &c->inChannels);
  r.readIntOrList("block_out_channels", 0, &c->blockOutChannels);
  const size_t n = c->blockOutChannels.size();
  r.readInt("layers_per_block", &c->layersPerBlock);
  r.readStringList("down_block_types", &c->downBlockTypes);
  r.readString("mid_block_type", &c->midBlockType);
  r.readIntOrList("cross_attention_dim", n, &c->crossAttentionDim);
  // diffusers: num_attention_heads = num_attention_heads or attention_head_dim (legacy name = head count).
  if (r.has("num_attention_heads")) {
    r.readIntOrList("num_attention_heads", n, &c->numAttentionHeads);
  } else {
    r.readIntOrList("attention_head_dim", n, &c->numAttentionHeads);
  }
  r.readIntOrList("transformer_layers_per_block", n, &c->transformerLayersPerBlock);
  r.readBool("use_linear_projection", &c->useLinearProjection);
  r.readBool("upcast_attention", &c->upcastAttention);
  r.readBool("flip_sin_to_cos", &c->flipSinToCos);
  r.readDouble("freq_shift", &c->freqShift);
  r.readInt("norm_num_groups", &c->normNumGroups);
  r.readDouble("norm_eps", &c->normEps);
  r.readDouble("mid_block_scale_factor", &c->midBlockScaleFactor);
  r.readInt("sample_size", &c->sampleSize);
  r.rejectUnless("act_fn", "silu");
  r.rejectUnless("resnet_time_scale_shift", "default");
  r.rejectUnless("class_embed_type");
  r.rejectUnless("num_class_embeds");
  r.rejectUnless("encoder_hid_dim");
  r.rejectUnless("encoder_hid_dim_type");
  r.rejectUnless("only_cross_attention", false);
  r.rejectUnless("dual_cross_attention", false);
  r.rejectUnless("attention_type", "default");
}

bool checkPositive(const std::vector<int64_t>& v, size_t n, const char* name, std::string* error) {
  if (v.size() != n) {
    if (error) *error = std::string(name) + " has " + std::to_string(v.size()) + " entries, expected " + std::to_string(n);
    return false;
  }
  for (int64_t x : v) {
    if (x <= 0) {
      if (error) *error = std::string(name) + " must be positive";
      return false;
    }
  }
  return true;
}

}  // namespace

bool UNetConfig::validate(std::string* error) const {
  auto fail = [&](const std::string& message) {
    if (error) *error = "UNet config: " + message;
    return false;
  };
  const size_t n = blockOutChannels.size();
  if (n == 0) return fail("block_out_channels is empty");
  std::string e;
  if (!checkPositive(blockOutChannels, n, "block_out_channels", &e) ||
      !checkPositive(crossAttentionDim, n, "cross_attention_dim", &e) ||
      !checkPositive(numAttentionHeads, n, "num_attention_heads", &e) ||
      !checkPositive(transformerLayersPerBlock, n, "transformer_layers_per_block", &e)) {
    return fail(e);
  }
  if (downBlockTypes.size() != n) return fail("down_block_types must have one entry per block_out_channels");
  if (!upBlockTypes.empty() && upBlockTypes.size() != n) return fail("up_block_types must have one entry per block");
  for (const auto& t : downBlockTypes) {
    if (t != "CrossAttnDownBlock2D" && t != "DownBlock2D") return fail("unsupported down block type " + t);
  }
  for (const auto& t : upBlockTypes) {
    if (t != "CrossAttnUpBlock2D" && t != "UpBlock2D") return fail("unsupported up block type " + t);
  }
  if (midBlockType != "UNetMidBlock2DCrossAttn") return fail("unsupported mid_block_type " + midBlockType);
  if (inChannels <= 0 || outChannels <= 0 || layersPerBlock <= 0 || normNumGroups <= 0) {
    return fail("in_channels, out_channels, layers_per_block and norm_num_groups must be positive");
  }
  if (convInKernel % 2 == 0 || convOutKernel % 2 == 0) return fail("conv_in/conv_out kernels must be odd");
  if (!additionEmbedType.empty()) {
    if (additionEmbedType != "text") {
      return fail("addition_embed_type '" + additionEmbedType + "' is not supported (only \"text\")");
    }
    for (int64_t d : crossAttentionDim) {
      if (d != crossAttentionDim[0]) return fail("addition_embed_type \"text\" needs one cross_attention_dim");
    }
    if (additionEmbedTypeNumHeads <= 0 || crossAttentionDim[0] % additionEmbedTypeNumHeads != 0) {
      return fail("cross_attention_dim " + std::to_string(crossAttentionDim[0]) + " not divisible by " +
                  std::to_string(additionEmbedTypeNumHeads) + " addition_embed_type_num_heads");
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const int64_t c = blockOutChannels[i];
    if (c % normNumGroups != 0) return fail("block_out_channels " + std::to_string(c) + " not divisible by norm_num_groups");
    if (c % numAttentionHeads[i] != 0) {
      return fail("block_out_channels " + std::to_string(c) + " not divisible by " +
                  std::to_string(numAttentionHeads[i]) + " attention heads");
    }
    // Up block i uses the reversed head list with channels reversed too, so the same pairs are checked.
  }
  return true;
}

bool UNetConfig::fromJson(const std::string& jsonText, UNetConfig* out, std::string* error) {
  QJsonObject obj;
  if (!parseObject(jsonText, &obj, error)) return false;
  UNetConfig c;
  JsonReader r(obj);
  readCommon(r, &c);
  r.readInt("out_channels", &c.outChannels);
  r.readStringList("up_block_types", &c.upBlockTypes);
  r.readBool("center_input_sample", &c.centerInputSample);
  r.readInt("conv_in_kernel", &c.convInKernel);
  r.readInt("conv_out_kernel", &c.convOutKernel);
  r.readInt("time_embedding_dim", &c.timeEmbeddingDim);
  r.readString("addition_embed_type", &c.additionEmbedType);
  if (!c.additionEmbedType.empty() && c.additionEmbedType != "text") r.rejectUnless("addition_embed_type", "text");
  r.readInt("addition_embed_type_num_heads", &c.additionEmbedTypeNumHeads);
  r.rejectUnless("time_cond_proj_dim");
  r.rejectUnless("time_embedding_type", "positional");
  r.rejectUnless("time_embedding_act_fn");
  r.rejectUnless("timestep_post_act");
  r.rejectUnless("cross_attention_norm");
  r.rejectUnless("resnet_skip_time_act", false);
  r.rejectUnless("resnet_out_scale_factor", 1.0);
  r.rejectUnless("class_embeddings_concat", false);
  r.rejectUnless("reverse_transformer_layers_per_block");
  r.rejectUnless("mid_block_only_cross_attention", false);
  if (!r.ok()) {
    if (error) *error = "UNet config: " + r.error();
    return false;
  }
  if (!c.validate(error)) return false;
  *out = c;
  return true;
}

bool UNetConfig::fromFile(const std::string& path, UNetConfig* out, std::string* error) {
  std::string text;
  if (!readText(path, &text, error)) return false;
  if (fromJson(text, out, error)) return true;
  if (error) *error = path + ": " + *error;
  return false;
}

bool ControlNetConfig::validate(std::string* error) const {
  if (!unet.validate(error)) return false;
  if (conditioningEmbeddingOutChannels.empty() || conditioningChannels <= 0) {
    if (error) *error = "ControlNet config: conditioning_channels / conditioning_embedding_out_channels are invalid";
    return false;
  }
  for (int64_t x : conditioningEmbeddingOutChannels) {
    if (x <= 0) {
      if (error) *error = "ControlNet config: conditioning_embedding_out_channels must be positive";
      return false;
    }
  }
  return true;
}

bool ControlNetConfig::fromJson(const std::string& jsonText, ControlNetConfig* out, std::string* error) {
  QJsonObject obj;
  if (!parseObject(jsonText, &obj, error)) return false;
  ControlNetConfig c;
  c.unet.upBlockTypes.clear();
  JsonReader r(obj);
  readCommon(r, &c.unet);
  r.rejectUnless("addition_embed_type");
  r.readInt("conditioning_channels", &c.conditioningChannels);
  r.readIntOrList("conditioning_embedding_out_channels", 0, &c.conditioningEmbeddingOutChannels);
  r.readBool("global_pool_conditions", &c.globalPoolConditions);
  std::string order = "rgb";
  r.readString("controlnet_conditioning_channel_order", &order);
  if (order != "rgb" && order != "bgr") r.rejectUnless("controlnet_conditioning_channel_order", "rgb");
  c.bgrConditioning = order == "bgr";
  std::string mode = "balanced";
  r.readString("shotcraft_control_mode", &mode);
  if (mode != "balanced" && mode != "control_first") r.rejectUnless("shotcraft_control_mode", "balanced");
  c.controlFirst = mode == "control_first" || c.globalPoolConditions;
  if (!r.ok()) {
    if (error) *error = "ControlNet config: " + r.error();
    return false;
  }
  if (!c.validate(error)) return false;
  *out = c;
  return true;
}

bool ControlNetConfig::fromFile(const std::string& path, ControlNetConfig* out, std::string* error) {
  std::string text;
  if (!readText(path, &text, error)) return false;
  if (fromJson(text, out, error)) return true;
  if (error) *error = path + ": " + *error;
  return false;
}

}  // namespace shotcraft::torch_engine::nn
