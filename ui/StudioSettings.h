#pragma once
// The studio's preferences in QSettings (issue 8): model folders and the one renders use, engine device,
// precision and threads, language, theme and the autosave interval. Renders read their EngineOptions from here
// (RenderController::engineOptions()), so every value the Settings dialog shows has an effect.
#include <QString>
#include <QStringList>

#include "core/engine/Engine.h"
#include "ui/Theme.h"

namespace shotcraft::ui {

struct StudioSettings {
  static constexpr const char* kModelFoldersKey = "render/modelFolders";
  static constexpr const char* kDeviceKey = "render/device";        // "auto", "cpu", "cuda"
  static constexpr const char* kPrecisionKey = "render/precision";  // "auto", "fp32", "bf16", "fp16"
  static constexpr const char* kThreadsKey = "render/threads";      // 0 = all cores
  static constexpr int kMaxThreads = 256;

  QStringList modelFolders;  // added by the user; the embedded model is implicit and always first
  QString modelDir;          // the folder renders use; "" = the embedded model
  engine::Device device = engine::Device::Auto;
  engine::Precision precision = engine::Precision::Auto;
  int threads = 0;
  QString language = QStringLiteral("en");
  ThemeKind theme = ThemeKind::Light;
  int autosaveInterval_s = 60;

  static StudioSettings load();
  void save() const;

  // The options a render engine is created with: the model folder (the embedded one when modelDir is ""),
  // device, precision and threads.
  engine::EngineOptions engineOptions() const;

  static QString deviceName(engine::Device device);  // "auto", "cpu", "cuda"
  static engine::Device deviceFromName(const QString& name);  // Auto for anything unknown
  static QString precisionName(engine::Precision precision);
  static engine::Precision precisionFromName(const QString& name);
};

}  // namespace shotcraft::ui
