// Settings > Preferences: values round-trip through QSettings, the embedded model stays first, the language
// switches the main window live, and renders take the saved device, precision, threads and model folder.
#include <QComboBox>
#include <QListWidget>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "tests/ui/RenderTestSupport.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/Autosaver.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/RenderController.h"
#include "ui/SettingsDialog.h"
#include "ui/StudioSettings.h"
#include "ui/Translations.h"

using shotcraft::test::UiTest;
using shotcraft::ui::MainWindow;
using shotcraft::ui::SettingsDialog;
using shotcraft::ui::StudioSettings;
namespace engine = shotcraft::engine;

class SettingsTest : public UiTest {};

TEST_F(SettingsTest, ValuesRoundTripThroughQSettings) {
  QTemporaryDir models;
  StudioSettings s;
  s.modelFolders = {models.filePath(QStringLiteral("a")), models.filePath(QStringLiteral("b"))};
  s.modelDir = s.modelFolders.last();
  s.device = engine::Device::Cuda;
  s.precision = engine::Precision::Bf16;
  s.threads = 6;
  s.language = QStringLiteral("zh_CN");
  s.theme = shotcraft::ui::ThemeKind::Dark;
  s.autosaveInterval_s = 120;
  s.save();
  ASSERT_TRUE(shotcraft::ui::Translations::setLanguage(QStringLiteral("zh_CN")));
  shotcraft::ui::Theme::apply(shotcraft::ui::ThemeKind::Dark);
  const StudioSettings back = StudioSettings::load();
  EXPECT_EQ(back.modelFolders, s.modelFolders);
  EXPECT_EQ(back.modelDir, s.modelDir);
  EXPECT_EQ(back.device, engine::Device::Cuda);
  EXPECT_EQ(back.precision, engine::Precision::Bf16);
  EXPECT_EQ(back.threads, 6);
  EXPECT_EQ(back.language, QStringLiteral("zh_CN"));
  EXPECT_EQ(back.theme, shotcraft::ui::ThemeKind::Dark);
  EXPECT_EQ(back.autosaveInterval_s, 120);
  EXPECT_EQ(QSettings().value(QStringLiteral("render/device")).toString(), QStringLiteral("cuda"));

  SettingsDialog dialog;  // shows what was saved
  EXPECT_EQ(dialog.values().device, engine::Device::Cuda);
  EXPECT_EQ(dialog.values().modelDir, s.modelDir);
  EXPECT_EQ(dialog.threadsBox()->value(), 6);
  EXPECT_EQ(dialog.autosaveBox()->value(), 120);
}

TEST_F(SettingsTest, EmbeddedModelIsFirstAndCannotBeRemoved) {
  SettingsDialog dialog;
  ASSERT_EQ(dialog.modelList()->count(), 1);
  dialog.modelList()->setCurrentRow(0);
  EXPECT_FALSE(dialog.removeSelectedModelFolder());
  EXPECT_TRUE(dialog.addModelFolder(QStringLiteral("/models/sd15")));
  EXPECT_FALSE(dialog.addModelFolder(QStringLiteral("/models/sd15"))) << "listed once";
  EXPECT_EQ(dialog.values().modelDir, QStringLiteral("/models/sd15")) << "an added folder is selected";
  EXPECT_TRUE(dialog.removeSelectedModelFolder());
  EXPECT_EQ(dialog.modelList()->count(), 1);
  EXPECT_TRUE(dialog.values().modelDir.isEmpty()) << "back to the embedded model";
}

TEST_F(SettingsTest, ChangingTheLanguageInTheDialogRetranslatesTheMainWindow) {
  MainWindow window;
  SettingsDialog* dialog = window.showSettings();
  ASSERT_NE(dialog, nullptr);
  auto* fileMenu = window.findChild<QMenu*>(QStringLiteral("menuFile"));
  ASSERT_NE(fileMenu, nullptr);
  const QString english = fileMenu->title();
  dialog->languageBox()->setCurrentIndex(dialog->languageBox()->findData(QStringLiteral("zh_CN")));
  dialog->apply();
  EXPECT_EQ(shotcraft::ui::Translations::current(), QStringLiteral("zh_CN"));
  EXPECT_NE(fileMenu->title(), english);
  EXPECT_TRUE(fileMenu->title().contains(QStringLiteral("文件"))) << fileMenu->title().toStdString();
  EXPECT_EQ(dialog->windowTitle(), QStringLiteral("首选项")) << "the dialog follows too";
  EXPECT_EQ(shotcraft::ui::Translations::saved(), QStringLiteral("zh_CN"));
  window.close();
  dialog->close();
}

TEST_F(SettingsTest, AutosaveIntervalAppliesToTheRunningWindow) {
  MainWindow window;
  SettingsDialog* dialog = window.showSettings();
  dialog->autosaveBox()->setValue(15);
  dialog->apply();
  EXPECT_EQ(window.autosaver()->interval_s(), 15);
  EXPECT_EQ(shotcraft::ui::Autosaver::savedInterval_s(), 15);
  dialog->close();
}

TEST_F(SettingsTest, RenderEngineOptionsFollowTheSavedSettings) {
  QTemporaryDir models;
  SettingsDialog dialog;
  ASSERT_TRUE(dialog.addModelFolder(models.path()));
  dialog.deviceBox()->setCurrentIndex(dialog.deviceBox()->findData(QStringLiteral("cpu")));
  dialog.precisionBox()->setCurrentIndex(dialog.precisionBox()->findData(QStringLiteral("fp16")));
  dialog.threadsBox()->setValue(3);
  dialog.apply();
  const engine::EngineOptions options = shotcraft::ui::RenderController::engineOptions();
  EXPECT_EQ(options.device, engine::Device::Cpu);
  EXPECT_EQ(options.precision, engine::Precision::Fp16);
  EXPECT_EQ(options.threads, 3);
  EXPECT_EQ(QString::fromStdString(options.model_dir), models.path());
  EXPECT_EQ(shotcraft::ui::RenderController::modelDir(), models.path());

  dialog.modelList()->setCurrentRow(0);  // the embedded model, all cores
  dialog.threadsBox()->setValue(0);
  dialog.apply();
  const engine::EngineOptions embedded = shotcraft::ui::RenderController::engineOptions();
  EXPECT_NE(QString::fromStdString(embedded.model_dir), models.path());
  EXPECT_EQ(embedded.threads, 0);
}

TEST_F(SettingsTest, RenderJobsCreateTheirEngineWithTheSavedSettings) {
  QTemporaryDir dir;
  shotcraft::ui::ProjectDocument document;
  const QString shot = shotcraft::test::prepareRenderProject(document, dir);  // also sets the model folder
  QSettings().setValue(QLatin1String(StudioSettings::kDeviceKey), QStringLiteral("cpu"));
  QSettings().setValue(QLatin1String(StudioSettings::kPrecisionKey), QStringLiteral("bf16"));
  QSettings().setValue(QLatin1String(StudioSettings::kThreadsKey), 3);
  auto stats = std::make_shared<shotcraft::test::FakeEngineStats>();
  auto registry = shotcraft::test::makeFakeRegistry(1, stats);
  {
    shotcraft::ui::RenderController controller(&document, registry.get());
    QSignalSpy applied(&controller, &shotcraft::ui::RenderController::takeApplied);
    QString error;
    ASSERT_TRUE(controller.regenerate(shot, shotcraft::render::RenderMode::Draft, &error)) << error.toStdString();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 10000);
    EXPECT_EQ(stats->createdThreads.load(), 3);
    EXPECT_EQ(stats->createdDevice.load(), int(engine::Device::Cpu));
    EXPECT_EQ(stats->createdPrecision.load(), int(engine::Precision::Bf16));

    QSettings().setValue(QLatin1String(StudioSettings::kThreadsKey), 2);  // a changed setting: a new engine
    ASSERT_TRUE(controller.regenerate(shot, shotcraft::render::RenderMode::Draft, &error)) << error.toStdString();
    QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 2, 10000);
    EXPECT_EQ(stats->createdThreads.load(), 2);
  }
}
