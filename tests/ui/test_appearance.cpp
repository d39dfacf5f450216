// Language and theme switching: live retranslation of menus and docks, the palette, and both remembered.
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QSettings>

#include "tests/ui/UiTestSupport.h"
#include "ui/MainWindow.h"
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

TEST_F(AppearanceTest, EveryChineseTranslationIsFinished) {
  // lrelease drops unfinished entries, so an untranslated string would show in English. Check a sample of
  // contexts through the installed translator.
  ASSERT_TRUE(Translations::setLanguage(QStringLiteral("zh_CN")));
  EXPECT_EQ(QCoreApplication::translate("shotcraft::ui::ShotPanel", "&Prompt:"), QStringLiteral("提示词(&P)："));
  EXPECT_EQ(QCoreApplication::translate("shotcraft::ui::BriefPanel", "Not set"), QStringLiteral("未设置"));
  EXPECT_EQ(QCoreApplication::translate("shotcraft::ui::ProjectDocument", "Edit Prompt"), QStringLiteral("编辑提示词"));
  ASSERT_TRUE(Translations::setLanguage(QStringLiteral("en")));
}
