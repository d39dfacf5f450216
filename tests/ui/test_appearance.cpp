// Language and theme switching: live retranslation of menus and docks, the palette, and both remembered.
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <qcustomplot.h>

#include "tests/ui/UiTestSupport.h"
#include "ui/CameraCurvePlot.h"
#include "ui/CameraPathEditor.h"
#include "ui/MainWindow.h"
#include "ui/PlotPalette.h"
#include "ui/PreviewPanel.h"
#include "ui/ProjectDocument.h"
#include "ui/ShotCard.h"
#include "ui/StoryboardView.h"
#include "ui/Theme.h"
#include "ui/Translations.h"

using shotcraft::test::UiTest;
using shotcraft::ui::MainWindow;
using shotcraft::ui::Theme;
using shotcraft::ui::ThemeKind;
using shotcraft::ui::Translations;

class AppearanceTest : public UiTest {};

TEST_F(AppearanceTest, LanguageSwitchRetranslatesLiveAndBack) {
  MainWindow window;
  window.document()->reset(shotcraft::test::sampleProject(), QString(), false);
  ASSERT_EQ(window.fileMenu()->title(), QStringLiteral("&File"));
  window.setLanguage(QStringLiteral("zh_CN"));
  EXPECT_EQ(Translations::current(), QStringLiteral("zh_CN"));
  EXPECT_EQ(window.fileMenu()->title(), QStringLiteral("文件(&F)"));
  EXPECT_EQ(window.editMenu()->title(), QStringLiteral("编辑(&E)"));
  EXPECT_EQ(window.shotDock()->windowTitle(), QStringLiteral("镜头"));
  EXPECT_EQ(window.summaryLabel()->text(), QStringLiteral("3 幕 · 6 个镜头 · 12.0 秒"));
  const QString id = window.document()->project().shotIds().first();
  EXPECT_EQ(window.storyboard()->card(id)->thumbnailText(), QStringLiteral("未渲染"));
  EXPECT_EQ(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));

  window.setLanguage(QStringLiteral("en"));
  EXPECT_EQ(window.fileMenu()->title(), QStringLiteral("&File"));
  EXPECT_EQ(window.shotDock()->windowTitle(), QStringLiteral("Shot"));
  EXPECT_EQ(window.storyboard()->card(id)->thumbnailText(), QStringLiteral("Not rendered"));
  EXPECT_EQ(Translations::saved(), QStringLiteral("en"));
  EXPECT_FALSE(Translations::setLanguage(QStringLiteral("xx")));
  EXPECT_EQ(Translations::current(), QStringLiteral("en"));
}

TEST_F(AppearanceTest, ThemeSwitchChangesThePaletteAndIsRemembered) {
  MainWindow window;
  window.show();
  const QColor lightWindow = Theme::palette(ThemeKind::Light).color(QPalette::Window);
  const QColor darkWindow = Theme::palette(ThemeKind::Dark).color(QPalette::Window);
  ASSERT_NE(lightWindow, darkWindow);
  EXPECT_GT(lightWindow.lightness(), 128);
  EXPECT_LT(darkWindow.lightness(), 128);
  window.setTheme(ThemeKind::Dark);
  QCoreApplication::processEvents();  // widgets pick up an application palette through posted events
  EXPECT_EQ(QApplication::palette().color(QPalette::Window), darkWindow);
  EXPECT_EQ(window.palette().color(QPalette::Window), darkWindow);
  EXPECT_EQ(window.storyboard()->palette().color(QPalette::Base), Theme::palette(ThemeKind::Dark).color(QPalette::Base));
  EXPECT_EQ(Theme::saved(), ThemeKind::Dark);
  EXPECT_TRUE(window.findChild<QAction*>(QStringLiteral("actionDarkTheme"))->isChecked());
  window.setTheme(ThemeKind::Light);
  QCoreApplication::processEvents();
  EXPECT_EQ(QApplication::palette().color(QPalette::Window), lightWindow);
  EXPECT_EQ(window.storyboard()->palette().color(QPalette::Base), Theme::palette(ThemeKind::Light).color(QPalette::Base));
  EXPECT_EQ(Theme::saved(), ThemeKind::Light);
  EXPECT_EQ(Theme::fromName(QStringLiteral("dark")), ThemeKind::Dark);
  EXPECT_FALSE(Theme::fromName(QStringLiteral("purple")).has_value());
}

// The camera curves and the per-step time plot follow the theme: background, plotting area, tick labels,
// grid and legend take the palette's colours and change with it.
// QCustomPlot keeps its background brush to itself: read it off a drawing, in the corner outside the axes.
QColor backgroundOf(QCustomPlot* plot) { return plot->toPixmap(200, 120).toImage().pixelColor(1, 1); }

TEST_F(AppearanceTest, PlotsFollowTheThemePalette) {
  MainWindow window;
  window.show();
  const std::vector<QCustomPlot*> plots = {window.cameraEditor()->curvePlot()->plot(), window.previewPanel()->plot()};
  auto expectThemed = [&](ThemeKind kind) {
    const QPalette p = Theme::palette(kind);
    for (QCustomPlot* plot : plots) {
      SCOPED_TRACE(plot->parent()->objectName().toStdString() + " in " + Theme::name(kind).toStdString());
      EXPECT_EQ(backgroundOf(plot), p.color(QPalette::Window));
      EXPECT_EQ(plot->axisRect()->backgroundBrush().color(), p.color(QPalette::Base));
      EXPECT_EQ(plot->xAxis->tickLabelColor(), p.color(QPalette::WindowText));
      EXPECT_EQ(plot->yAxis->labelColor(), p.color(QPalette::WindowText));
      EXPECT_EQ(plot->xAxis->basePen().color(), p.color(QPalette::WindowText));
      EXPECT_EQ(plot->yAxis->grid()->pen().color(), shotcraft::ui::PlotPalette::gridColour(p));
      EXPECT_EQ(plot->legend->brush().color(), p.color(QPalette::Base));
      EXPECT_EQ(plot->legend->textColor(), p.color(QPalette::Text));
    }
  };
  expectThemed(ThemeKind::Light);
  const QColor lightBackground = backgroundOf(plots[0]);
  window.setTheme(ThemeKind::Dark);
  QCoreApplication::processEvents();  // the palette change reaches the plots through posted events
  expectThemed(ThemeKind::Dark);
  EXPECT_NE(backgroundOf(plots[0]), lightBackground);
  EXPECT_LT(plots[1]->axisRect()->backgroundBrush().color().lightness(), 128) << "no white plot on the dark theme";
  auto* legendItem = qobject_cast<QCPPlottableLegendItem*>(plots[0]->legend->item(0));
  ASSERT_NE(legendItem, nullptr);
  EXPECT_EQ(legendItem->textColor(), Theme::palette(ThemeKind::Dark).color(QPalette::Text));
  window.setTheme(ThemeKind::Light);
  QCoreApplication::processEvents();
  expectThemed(ThemeKind::Light);
}

TEST_F(AppearanceTest, EveryChineseTranslationIsFinished) {
  // lrelease drops unfinished entries, so an untranslated string would show in English. Check a sample of
  // contexts through the installed translator.
  ASSERT_TRUE(Translations::setLanguage(QStringLiteral("zh_CN")));
  EXPECT_EQ(QCoreApplication::translate("shotcraft::ui::ShotPanel", "&Prompt:"), QStringLiteral("提示词(&P)："));
  EXPECT_EQ(QCoreApplication::translate("shotcraft::ui::BriefPanel", "Not set"), QStringLiteral("未设置"));
  EXPECT_EQ(QCoreApplication::translate("shotcraft::ui::ProjectDocument", "Edit Prompt"), QStringLiteral("编辑提示词"));
  EXPECT_EQ(QCoreApplication::translate("shotcraft::ui::ControlSlotEditor", "Control first"),
            QStringLiteral("控制优先"));
  ASSERT_TRUE(Translations::setLanguage(QStringLiteral("en")));
}
