#include "core/cli/EngineOptionsCli.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace shotcraft::cli {

void addEngineOptions(QCommandLineParser& parser) {
  parser.addOption({QStringLiteral("model"), QStringLiteral("Model folder (default: the embedded shotcraft-tiny)."),
                    QStringLiteral("DIR")});
  parser.addOption({QStringLiteral("device"), QStringLiteral("auto, cpu or cuda (default auto)."),
                    QStringLiteral("DEV"), QStringLiteral("auto")});
  parser.addOption({QStringLiteral("precision"), QStringLiteral("auto, fp32, bf16 or fp16 (default auto)."),
                    QStringLiteral("P"), QStringLiteral("auto")});
  parser.addOption({QStringLiteral("threads"), QStringLiteral("CPU threads (default: all cores)."),
                    QStringLiteral("N"), QStringLiteral("0")});
  parser.addOption({QStringLiteral("preview-vae"),
                    QStringLiteral("TAESD tiny autoencoder (folder or taesd_decoder.safetensors) for live previews "
                                   "(default: the model's taesd/ or vae_tiny/ folder, else a linear preview)."),
                    QStringLiteral("PATH")});
  parser.addOption({QStringLiteral("draft-decode"),
                    QStringLiteral("Decode the final image with the TAESD too (fast draft quality).")});
}

bool readEngineOptions(const QCommandLineParser& parser, engine::EngineOptions* out, std::string* error,
                       bool requireModel) {
  engine::EngineOptions o;
  o.model_dir = (parser.isSet(QStringLiteral("model")) ? parser.value(QStringLiteral("model")) : defaultModelDir())
                    .toStdString();
  if (o.model_dir.empty() && requireModel) {
    *error = "--model: no model folder given and the embedded model was not found (set SHOTCRAFT_MODEL_DIR)";
    return false;
  }
  const QString dev = parser.value(QStringLiteral("device")).toLower();
  if (dev == QLatin1String("auto")) o.device = engine::Device::Auto;
  else if (dev == QLatin1String("cpu")) o.device = engine::Device::Cpu;
  else if (dev == QLatin1String("cuda")) o.device = engine::Device::Cuda;
  else {
    *error = "--device: expected auto, cpu or cuda, got '" + dev.toStdString() + "'";
    return false;
  }
  const QString prec = parser.value(QStringLiteral("precision")).toLower();
  if (prec == QLatin1String("auto")) o.precision = engine::Precision::Auto;
  else if (prec == QLatin1String("fp32")) o.precision = engine::Precision::Fp32;
  else if (prec == QLatin1String("bf16")) o.precision = engine::Precision::Bf16;
  else if (prec == QLatin1String("fp16")) o.precision = engine::Precision::Fp16;
  else {
    *error = "--precision: expected auto, fp32, bf16 or fp16, got '" + prec.toStdString() + "'";
    return false;
  }
  bool ok = false;
  o.threads = parser.value(QStringLiteral("threads")).toInt(&ok);
  if (!ok || o.threads < 0 || o.threads > 1024) {
    *error = "--threads: expected a number from 0 (all cores) to 1024";
    return false;
  }
  o.preview_vae = parser.value(QStringLiteral("preview-vae")).toStdString();
  if (!o.preview_vae.empty() && !QFileInfo::exists(QString::fromStdString(o.preview_vae))) {
    *error = "--preview-vae: no TAESD at '" + o.preview_vae + "'";
    return false;
  }
  o.draft_decode = parser.isSet(QStringLiteral("draft-decode"));
  *out = o;
  return true;
}

bool readControlMode(const QCommandLineParser& p, engine::ControlMode* out, std::string* error) {
  const QString name = p.value(QStringLiteral("control-mode"));
  const auto mode = engine::controlModeFromName(name.toStdString());
  if (!mode) {
    *error = "--control-mode: expected auto, balanced or control_first, got '" + name.toStdString() + "'";
    return false;
  }
  *out = *mode;
  return true;
}

bool readIntOption(const QCommandLineParser& p, const char* name, int lo, int hi, int* out, std::string* error) {
  bool ok = false;
  const int v = p.value(QLatin1String(name)).toInt(&ok);
  if (!ok || v < lo || v > hi) {
    *error = std::string("--") + name + ": expected a whole number from " + std::to_string(lo) + " to " +
             std::to_string(hi) + ", got '" + p.value(QLatin1String(name)).toStdString() + "'";
    return false;
  }
  *out = v;
  return true;
}

bool readFloatOption(const QCommandLineParser& p, const char* name, float lo, float hi, float* out,
                     std::string* error) {
  bool ok = false;
  const float v = p.value(QLatin1String(name)).toFloat(&ok);
  if (!ok || !(v >= lo && v <= hi)) {
    *error = std::string("--") + name + ": expected a number from " + QString::number(lo).toStdString() + " to " +
             QString::number(hi).toStdString() + ", got '" + p.value(QLatin1String(name)).toStdString() + "'";
    return false;
  }
  *out = v;
  return true;
}

QString findBundledResource(const QString& relative, const QString& marker) {
  QStringList candidates;
  if (QCoreApplication::instance()) {
    const QString app = QCoreApplication::applicationDirPath();
    candidates << app + QStringLiteral("/../share/shotcraft/") + relative
               << app + QStringLiteral("/../resources/") + relative;
  }
#ifdef SHOTCRAFT_SOURCE_RESOURCES
  candidates << QStringLiteral(SHOTCRAFT_SOURCE_RESOURCES "/") + relative;
#endif
  for (const QString& c : candidates) {
    if (QFileInfo::exists(c + QLatin1Char('/') + marker)) return QDir::cleanPath(c);
  }
  return {};
}

QString defaultModelDir() {
  const QString env = qEnvironmentVariable("SHOTCRAFT_MODEL_DIR");
  if (!env.isEmpty()) return env;
  return findBundledResource(QStringLiteral("models/shotcraft-tiny"), QStringLiteral("unet/config.json"));
}

int parseOrExit(QCommandLineParser& parser, const QString& command, const QString& usage, const QStringList& args,
                QTextStream& out, QTextStream& err) {
  parser.addHelpOption();
  parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  if (!parser.parse(QStringList{QStringLiteral("shotcraft-cli ") + command} + args)) {
    err << "shotcraft-cli " << command << ": " << parser.errorText() << "\n";
    return 2;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out << "Usage: shotcraft-cli " << usage << "\n" << parser.helpText().section(QLatin1Char('\n'), 1);
    return 0;
  }
  return -1;
}

}  // namespace shotcraft::cli
