#include "plugins/torch_engine/sampling/SchedulerConfig.h"

#include <QtCore/QByteArray>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

namespace shotcraft::torch_engine {
namespace {

void setError(std::string* error, const std::string& message) {
  if (error) *error = message;
}

bool readNumber(const QJsonObject& obj, const char* key, double& out, std::string* error) {
  const QJsonValue v = obj.value(QLatin1String(key));
  if (v.isUndefined() || v.isNull()) return true;
  if (!v.isDouble()) {
    setError(error, std::string("scheduler config: '") + key + "' must be a number");
    return false;
  }
  out = v.toDouble();
  return true;
}

bool readInt(const QJsonObject& obj, const char* key, int& out, std::string* error) {
  double value = out;
  if (!readNumber(obj, key, value, error)) return false;
  out = static_cast<int>(value);
  return true;
}

bool readBool(const QJsonObject& obj, const char* key, bool& out, std::string* error) {
  const QJsonValue v = obj.value(QLatin1String(key));
  if (v.isUndefined() || v.isNull()) return true;
  if (!v.isBool()) {
    setError(error, std::string("scheduler config: '") + key + "' must be true or false");
    return false;
  }
  out = v.toBool();
  return true;
}

std::optional<std::string> readString(const QJsonObject& obj, const char* key) {
  const QJsonValue v = obj.value(QLatin1String(key));
  if (!v.isString()) return std::nullopt;
  return v.toString().toStdString();
}

}  // namespace

bool parseSchedulerConfig(const std::string& jsonText, SchedulerConfig& out, std::string* error) {
  QJsonParseError parseError{};
  const QJsonDocument doc =
      QJsonDocument::fromJson(QByteArray(jsonText.data(), static_cast<qsizetype>(jsonText.size())), &parseError);
  if (doc.isNull() || !doc.isObject()) {
    setError(error, "scheduler config: not a JSON object (" + parseError.errorString().toStdString() + ")");
    return false;
  }
  const QJsonObject obj = doc.object();
  SchedulerConfig cfg;
  cfg.steps_offset = 0;  // diffusers class defaults for keys the file does not set
  cfg.set_alpha_to_one = true;
  if (!readInt(obj, "num_train_timesteps", cfg.num_train_timesteps, error) ||
      !readNumber(obj, "beta_start", cfg.beta_start, error) || !readNumber(obj, "beta_end", cfg.beta_end, error) ||
      !readInt(obj, "steps_offset", cfg.steps_offset, error) ||
      !readBool(obj, "set_alpha_to_one", cfg.set_alpha_to_one, error) ||
      !readInt(obj, "original_inference_steps", cfg.original_inference_steps, error) ||
      !readNumber(obj, "timestep_scaling", cfg.timestep_scaling, error) ||
      !readBool(obj, "rescale_betas_zero_snr", cfg.rescale_betas_zero_snr, error)) {
    return false;
  }
  if (cfg.num_train_timesteps < 2 || cfg.num_train_timesteps > 100000) {
    setError(error, "scheduler config: num_train_timesteps out of range");
    return false;
  }
  if (!(cfg.beta_start > 0.0) || !(cfg.beta_end >= cfg.beta_start) || !(cfg.beta_end < 1.0)) {
    setError(error, "scheduler config: need 0 < beta_start <= beta_end < 1");
    return false;
  }
  if (auto schedule = readString(obj, "beta_schedule")) {
    if (*schedule == "scaled_linear") {
      cfg.beta_schedule = BetaSchedule::ScaledLinear;
    } else if (*schedule == "linear") {
      cfg.beta_schedule = BetaSchedule::Linear;
    } else {
      setError(error, "scheduler config: unsupported beta_schedule '" + *schedule + "' (scaled_linear, linear)");
      return false;
    }
  }
  if (auto prediction = readString(obj, "prediction_type")) {
    if (*prediction == "epsilon") {
      cfg.prediction_type = PredictionType::Epsilon;
    } else if (*prediction == "v_prediction") {
      cfg.prediction_type = PredictionType::VPrediction;
    } else {
      setError(error, "scheduler config: unsupported prediction_type '" + *prediction + "' (epsilon, v_prediction)");
      return false;
    }
  }
  if (auto spacing = readString(obj, "timestep_spacing")) {
    if (*spacing == "leading") {
      cfg.timestep_spacing = TimestepSpacing::Leading;
    } else if (*spacing == "linspace") {
      cfg.timestep_spacing = TimestepSpacing::Linspace;
    } else if (*spacing == "trailing") {
      cfg.timestep_spacing = TimestepSpacing::Trailing;
    } else {
      setError(error, "scheduler config: unsupported timestep_spacing '" + *spacing + "'");
      return false;
    }
  }
  if (obj.value(QLatin1String("trained_betas")).isArray()) {
    setError(error, "scheduler config: trained_betas is not supported");
    return false;
  }
  if (cfg.rescale_betas_zero_snr && cfg.prediction_type != PredictionType::VPrediction) {
    // At zero SNR the input holds no signal, so an epsilon model's x0 estimate divides by sqrt(alphas_cumprod) = 0.
    setError(error,
             "scheduler config: rescale_betas_zero_snr needs prediction_type v_prediction (an epsilon model "
             "cannot denoise pure noise)");
    return false;
  }
  out = cfg;
  return true;
}

bool loadSchedulerConfig(const std::string& path, SchedulerConfig& out, std::string* error) {
  QFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::ReadOnly)) {
    setError(error, "scheduler config: cannot open " + path);
    return false;
  }
  const QByteArray bytes = file.readAll();
  return parseSchedulerConfig(std::string(bytes.constData(), static_cast<size_t>(bytes.size())), out, error);
}

const char* toString(TimestepSpacing spacing) {
  switch (spacing) {
    case TimestepSpacing::Leading: return "leading";
    case TimestepSpacing::Linspace: return "linspace";
    case TimestepSpacing::Trailing: return "trailing";
  }
  return "?";
}

const char* toString(PredictionType type) {
  return type == PredictionType::Epsilon ? "epsilon" : "v_prediction";
}

}  // namespace shotcraft::torch_engine
