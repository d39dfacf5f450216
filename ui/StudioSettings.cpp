#include "ui/StudioSettings.h"

#include <QSettings>
#include <algorithm>

#include "core/cli/EngineOptionsCli.h"
#include "ui/Autosaver.h"
#include "ui/RenderController.h"
#include "ui/Translations.h"

namespace shotcraft::ui {

StudioSettings StudioSettings::load() {
  QSettings store;
  StudioSettings s;
  s.modelFolders = store.value(QLatin1String(kModelFoldersKey)).toStringList();
  s.modelDir = store.value(QLatin1String(RenderController::kModelDirKey)).toString();
  if (!s.modelDir.isEmpty() && !s.modelFolders.contains(s.modelDir)) s.modelFolders.push_back(s.modelDir);
  s.device = deviceFromName(store.value(QLatin1String(kDeviceKey)).toString());
  s.precision = precisionFromName(store.value(QLatin1String(kPrecisionKey)).toString());
  s.threads = std::clamp(store.value(QLatin1String(kThreadsKey), 0).toInt(), 0, kMaxThreads);
  s.language = Translations::current().isEmpty() ? Translations::saved() : Translations::current();
  s.theme = Theme::current();
  s.autosaveInterval_s = Autosaver::savedInterval_s();
  return s;
}

void StudioSettings::save() const {
  QSettings store;
  store.setValue(QLatin1String(kModelFoldersKey), modelFolders);
  store.setValue(QLatin1String(RenderController::kModelDirKey), modelDir);
  store.setValue(QLatin1String(kDeviceKey), deviceName(device));
  store.setValue(QLatin1String(kPrecisionKey), precisionName(precision));
  store.setValue(QLatin1String(kThreadsKey), std::clamp(threads, 0, kMaxThreads));
  Translations::save(language);
  Theme::save(theme);
  store.setValue(QLatin1String(Autosaver::kIntervalKey), autosaveInterval_s);
}

engine::EngineOptions StudioSettings::engineOptions() const {
  engine::EngineOptions options;
  options.model_dir = (modelDir.isEmpty() ? cli::defaultModelDir() : modelDir).toStdString();
  options.device = device;
  options.precision = precision;
  options.threads = threads;
  return options;
}

QString StudioSettings::deviceName(engine::Device device) {
  switch (device) {
    case engine::Device::Cpu: return QStringLiteral("cpu");
    case engine::Device::Cuda: return QStringLiteral("cuda");
    case engine::Device::Auto: break;
  }
  return QStringLiteral("auto");
}

engine::Device StudioSettings::deviceFromName(const QString& name) {
  if (name == QLatin1String("cpu")) return engine::Device::Cpu;
  if (name == QLatin1String("cuda")) return engine::Device::Cuda;
  return engine::Device::Auto;
}

QString StudioSettings::precisionName(engine::Precision precision) {
  switch (precision) {
    case engine::Precision::Fp32: return QStringLiteral("fp32");
    case engine::Precision::Bf16: return QStringLiteral("bf16");
    case engine::Precision::Fp16: return QStringLiteral("fp16");
    case engine::Precision::Auto: break;
  }
  return QStringLiteral("auto");
}

engine::Precision StudioSettings::precisionFromName(const QString& name) {
  if (name == QLatin1String("fp32")) return engine::Precision::Fp32;
  if (name == QLatin1String("bf16")) return engine::Precision::Bf16;
  if (name == QLatin1String("fp16")) return engine::Precision::Fp16;
  return engine::Precision::Auto;
}

}  // namespace shotcraft::ui
