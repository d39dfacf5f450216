// The Models dock: it fills from the saved model folders off the UI thread (a fake "torch" factory probes by file
// contents), groups by kind, "Use for renders" saves the chosen checkpoint as the render model and marks it, the
// render engine's load time reaches the panel, and the main window has the dock in its View menu and layout.
#include <QAction>
#include <QDockWidget>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "tests/models/FakeProbeFactory.h"
#include "tests/ui/RenderTestSupport.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/ModelsPanel.h"
#include "ui/ProjectDocument.h"
#include "ui/RenderController.h"
#include "ui/StudioSettings.h"
#include "ui/Translations.h"

using shotcraft::ui::ModelsPanel;
using shotcraft::ui::StudioSettings;
namespace engine = shotcraft::engine;

namespace {

void writeFile(const QString& path, const QByteArray& text) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(text + "\n");
}

class ModelsPanelTest : public shotcraft::test::UiTest {
 protected:
  void SetUp() override {
    UiTest::SetUp();
    ASSERT_TRUE(m_dir.isValid());
    qputenv("SHOTCRAFT_MODEL_DIR", m_dir.filePath(QStringLiteral("no-embedded")).toUtf8());
    m_registry.registerFactory(std::make_shared<shotcraft::test::FakeProbeFactory>("torch"));
    writeFile(folder(QStringLiteral("good.safetensors")), "family=sd1");
    writeFile(folder(QStringLiteral("xl.safetensors")), "family=sdxl");
    writeFile(folder(QStringLiteral("old.ckpt")), "pickle");
    writeFile(folder(QStringLiteral("loras/hero.safetensors")), "family=lora");
    writeFile(folder(QStringLiteral("notes.txt")), "not a model");
    StudioSettings settings;
    settings.modelFolders = {m_dir.filePath(QStringLiteral("models"))};
    settings.save();
  }
  void TearDown() override {
    qunsetenv("SHOTCRAFT_MODEL_DIR");
    UiTest::TearDown();
  }
  QString folder(const QString& name) const { return m_dir.filePath(QStringLiteral("models/") + name); }
  static void waitScanned(ModelsPanel& panel) { QTRY_VERIFY_WITH_TIMEOUT(!panel.isScanning(), 5000); }

  QTemporaryDir m_dir;
  engine::EngineRegistry m_registry;
};

}  // namespace

TEST_F(ModelsPanelTest, FillsFromTheSavedFoldersGroupedByKind) {
  ModelsPanel panel(&m_registry);
  waitScanned(panel);
  ASSERT_EQ(panel.entries().size(), 5u);  // embedded, good, old, xl, hero (notes.txt skipped)
  EXPECT_TRUE(panel.entries()[0].embedded);
  QTreeWidget* list = panel.list();
  ASSERT_EQ(list->topLevelItemCount(), 2);
  EXPECT_EQ(list->topLevelItem(0)->text(ModelsPanel::NameColumn), QStringLiteral("Checkpoints (4)"));
  EXPECT_EQ(list->topLevelItem(1)->text(ModelsPanel::NameColumn), QStringLiteral("LoRAs (1)"));
  QTreeWidgetItem* good = panel.itemFor(folder(QStringLiteral("good.safetensors")));
  ASSERT_NE(good, nullptr);
  EXPECT_EQ(good->text(ModelsPanel::FamilyColumn), QStringLiteral("sd1"));
  EXPECT_EQ(good->text(ModelsPanel::StatusColumn), QStringLiteral("Ready"));
  EXPECT_FALSE(good->text(ModelsPanel::SizeColumn).isEmpty());
  QTreeWidgetItem* embedded = list->topLevelItem(0)->child(0);
  EXPECT_EQ(embedded->text(ModelsPanel::NameColumn), QStringLiteral("shotcraft-tiny (embedded)"));
  EXPECT_EQ(embedded->text(ModelsPanel::StatusColumn), QStringLiteral("Not installed yet"));
  // Core's categories are worded by the panel; core's own line is the tooltip.
  QTreeWidgetItem* ckpt = panel.itemFor(folder(QStringLiteral("old.ckpt")));
  ASSERT_NE(ckpt, nullptr);
  EXPECT_EQ(ckpt->text(ModelsPanel::StatusColumn),
            QStringLiteral("Pickled file, not loaded: convert it to .safetensors"));
  EXPECT_TRUE(ckpt->toolTip(ModelsPanel::StatusColumn).contains(QStringLiteral("never unpickles")));
  EXPECT_EQ(ckpt->text(ModelsPanel::FamilyColumn), QStringLiteral("unknown"));
  QTreeWidgetItem* xl = panel.itemFor(folder(QStringLiteral("xl.safetensors")));
  ASSERT_NE(xl, nullptr);
  EXPECT_EQ(xl->text(ModelsPanel::StatusColumn), QStringLiteral("Not supported yet"));
  EXPECT_EQ(xl->toolTip(ModelsPanel::StatusColumn), QStringLiteral("SDXL is not supported yet"));
  EXPECT_EQ(xl->text(ModelsPanel::KindColumn), QStringLiteral("checkpoint"));

  // A model added to the folder appears on Refresh.
  writeFile(folder(QStringLiteral("checkpoints/new.safetensors")), "family=sd1");
  QSignalSpy scanned(&panel, &ModelsPanel::scanFinished);
  panel.refreshButton()->click();
  ASSERT_TRUE(scanned.wait(5000));
  EXPECT_EQ(panel.entries().size(), 6u);
  EXPECT_NE(panel.itemFor(folder(QStringLiteral("checkpoints/new.safetensors"))), nullptr);
}

TEST_F(ModelsPanelTest, UseForRendersSavesTheModelAndMarksIt) {
  ModelsPanel panel(&m_registry);
  waitScanned(panel);
  QSignalSpy chosen(&panel, &ModelsPanel::modelChosen);
  EXPECT_FALSE(panel.useButton()->isEnabled());
  panel.list()->setCurrentItem(panel.itemFor(folder(QStringLiteral("xl.safetensors"))));
  EXPECT_FALSE(panel.useButton()->isEnabled());  // not usable
  panel.list()->setCurrentItem(panel.itemFor(folder(QStringLiteral("loras/hero.safetensors"))));
  EXPECT_FALSE(panel.useButton()->isEnabled());  // not a checkpoint
  EXPECT_FALSE(panel.useForRenders(folder(QStringLiteral("old.ckpt"))));
  EXPECT_EQ(chosen.count(), 0);

  const QString good = folder(QStringLiteral("good.safetensors"));
  panel.list()->setCurrentItem(panel.itemFor(good));
  ASSERT_TRUE(panel.useButton()->isEnabled());
  panel.useButton()->click();
  ASSERT_EQ(chosen.count(), 1);
  EXPECT_EQ(chosen.at(0).at(0).toString(), good);
  EXPECT_EQ(StudioSettings::load().modelDir, good);
  EXPECT_EQ(QSettings().value(QLatin1String(shotcraft::ui::RenderController::kModelDirKey)).toString(), good);
  EXPECT_EQ(shotcraft::ui::RenderController::modelDir(), good);
  EXPECT_TRUE(StudioSettings::load().modelFolders.contains(m_dir.filePath(QStringLiteral("models"))));
  QTreeWidgetItem* item = panel.itemFor(good);
  ASSERT_NE(item, nullptr);
  EXPECT_TRUE(item->font(ModelsPanel::NameColumn).bold());
  EXPECT_EQ(item->text(ModelsPanel::StatusColumn), QStringLiteral("Used for renders"));
  EXPECT_FALSE(panel.useButton()->isEnabled());  // already in use

  // A new panel (next session) marks it too, and lists it once although the chosen file is now also a folder entry.
  ModelsPanel again(&m_registry);
  waitScanned(again);
  EXPECT_EQ(again.entries().size(), 5u);
  EXPECT_TRUE(again.scanErrors().empty());
  EXPECT_EQ(again.itemFor(good)->text(ModelsPanel::StatusColumn), QStringLiteral("Used for renders"));

  panel.showLoadTime(good, 0.42);
  EXPECT_TRUE(panel.statusLabel()->text().contains(QStringLiteral("Loaded good.safetensors in 0.4 s")))
      << panel.statusLabel()->text().toStdString();
}

TEST_F(ModelsPanelTest, StatusKindAndFamilyAreTranslated) {
  ModelsPanel panel(&m_registry);
  waitScanned(panel);
  ASSERT_TRUE(shotcraft::ui::Translations::setLanguage(QStringLiteral("zh_CN")));  // the panel retranslates
  QTreeWidgetItem* xl = panel.itemFor(folder(QStringLiteral("xl.safetensors")));
  ASSERT_NE(xl, nullptr);
  EXPECT_EQ(xl->text(ModelsPanel::StatusColumn), QStringLiteral("暂不支持"));
  EXPECT_EQ(xl->toolTip(ModelsPanel::StatusColumn), QStringLiteral("SDXL is not supported yet"));  // the detail
  EXPECT_EQ(xl->text(ModelsPanel::KindColumn), QStringLiteral("检查点"));
  EXPECT_EQ(xl->text(ModelsPanel::FamilyColumn), QStringLiteral("sdxl"));  // a name, not translated
  QTreeWidgetItem* ckpt = panel.itemFor(folder(QStringLiteral("old.ckpt")));
  ASSERT_NE(ckpt, nullptr);
  EXPECT_EQ(ckpt->text(ModelsPanel::StatusColumn), QStringLiteral("pickle 格式文件，未加载：请转换为 .safetensors"));
  EXPECT_EQ(ckpt->text(ModelsPanel::FamilyColumn), QStringLiteral("未知"));
  EXPECT_EQ(panel.list()->topLevelItem(0)->child(0)->text(ModelsPanel::StatusColumn), QStringLiteral("尚未安装"));
  ASSERT_TRUE(shotcraft::ui::Translations::setLanguage(QStringLiteral("en")));
  xl = panel.itemFor(folder(QStringLiteral("xl.safetensors")));  // the list was rebuilt
  ASSERT_NE(xl, nullptr);
  EXPECT_EQ(xl->text(ModelsPanel::StatusColumn), QStringLiteral("Not supported yet"));
}

TEST_F(ModelsPanelTest, MissingFolderIsNamedUnderTheList) {
  StudioSettings settings = StudioSettings::load();
  settings.modelFolders.push_back(m_dir.filePath(QStringLiteral("gone")));
  settings.save();
  ModelsPanel panel(&m_registry);
  waitScanned(panel);
  EXPECT_EQ(panel.entries().size(), 5u);
  const QString gone = m_dir.filePath(QStringLiteral("gone"));
  EXPECT_EQ(panel.statusLabel()->text(), QStringLiteral("Models folder %1 does not exist").arg(gone));
  EXPECT_EQ(panel.statusLabel()->toolTip(), QStringLiteral("models folder '%1' does not exist").arg(gone));  // core's
  ASSERT_TRUE(shotcraft::ui::Translations::setLanguage(QStringLiteral("zh_CN")));
  EXPECT_EQ(panel.statusLabel()->text(), QStringLiteral("模型文件夹 %1 不存在").arg(gone));
  ASSERT_TRUE(shotcraft::ui::Translations::setLanguage(QStringLiteral("en")));
}

TEST_F(ModelsPanelTest, NoEngineIsSaidInOneTranslatableLine) {
  shotcraft::engine::EngineRegistry empty;  // no "torch" factory, and none to find: it searched an empty folder
  QTemporaryDir noPlugins;
  ASSERT_EQ(empty.loadPlugins({noPlugins.path()}), 0);
  ModelsPanel panel(&empty);
  waitScanned(panel);
  ASSERT_EQ(panel.scanErrors().size(), 1u);
  EXPECT_EQ(panel.scanErrors()[0].problem, shotcraft::models::ScanProblem::NoEngine);
  EXPECT_EQ(panel.statusLabel()->text(),
            QStringLiteral("No engine plugin to inspect models: they are listed by file type only"));
  EXPECT_FALSE(panel.statusLabel()->toolTip().isEmpty());  // the registry's own line
  EXPECT_EQ(panel.entries().size(), 5u);
}

TEST_F(ModelsPanelTest, RenderControllerReportsTheEngineLoadTime) {
  QTemporaryDir dir;
  shotcraft::ui::ProjectDocument document;
  const QString shot = shotcraft::test::prepareRenderProject(document, dir);
  auto registry = shotcraft::test::makeFakeRegistry(1);
  shotcraft::ui::RenderController controller(&document, registry.get());
  QSignalSpy loaded(&controller, &shotcraft::ui::RenderController::engineLoaded);
  QString error;
  ASSERT_TRUE(controller.regenerate(shot, shotcraft::render::RenderMode::Draft, &error)) << error.toStdString();
  ASSERT_TRUE(loaded.wait(10000));
  EXPECT_EQ(loaded.at(0).at(0).toString(), shotcraft::ui::RenderController::modelDir());
  EXPECT_GE(loaded.at(0).at(1).toDouble(), 0.0);
  EXPECT_LT(loaded.at(0).at(1).toDouble(), 10.0);
}

TEST_F(ModelsPanelTest, MainWindowHasTheDockInTheViewMenuAndLayout) {
  shotcraft::ui::MainWindow window;
  QDockWidget* dock = window.modelsDock();
  ASSERT_NE(dock, nullptr);
  EXPECT_EQ(dock->objectName(), QStringLiteral("ModelsDock"));
  EXPECT_EQ(dock->windowTitle(), QStringLiteral("Models"));
  auto* view = window.findChild<QMenu*>(QStringLiteral("menuView"));
  ASSERT_NE(view, nullptr);
  EXPECT_TRUE(view->actions().contains(dock->toggleViewAction()));
  window.show();
  const QByteArray state = window.saveState(1);
  dock->hide();
  ASSERT_TRUE(window.restoreState(state, 1));
  EXPECT_EQ(window.dockWidgetArea(dock), Qt::LeftDockWidgetArea);
  QTRY_VERIFY_WITH_TIMEOUT(!window.modelsPanel()->isScanning(), 10000);
  EXPECT_TRUE(window.modelsPanel()->entries().at(0).embedded);

  // The engine's load time reaches the status bar and the panel.
  emit window.renderController()->engineLoaded(QStringLiteral("/models/shotcraft-tiny"), 0.4);
  EXPECT_TRUE(window.modelsPanel()->statusLabel()->text().contains(QStringLiteral("Loaded shotcraft-tiny in 0.4 s")));
}
