// MainWindow: shot actions on the selection, language and theme switching, About.
#include <QAction>
#include <QActionGroup>
#include <QMessageBox>
#include <QStatusBar>

#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/StoryboardView.h"
#include "ui/Translations.h"

namespace shotcraft::ui {

namespace {
constexpr int kStatusMessage_ms = 6000;
}

void MainWindow::addShotAfterSelection() {
  const model::Project& project = m_document->project();
  int act = 0;
  int row = -1;  // no selection: the end of the first act
  if (const auto where = project.locate(m_storyboard->selectedShot())) {
    act = where->act;
    row = where->row + 1;
  }
  QString error;
  QString id;
  if (!m_document->addShot(act, row, &error, &id)) {
    statusBar()->showMessage(tr("Not applied: %1").arg(error), kStatusMessage_ms);
    return;
  }
  m_storyboard->selectShot(id);
}

void MainWindow::duplicateSelectedShot() {
  QString error;
  QString id;
  if (!m_document->duplicateShot(m_storyboard->selectedShot(), &error, &id)) {
    statusBar()->showMessage(tr("Not applied: %1").arg(error), kStatusMessage_ms);
    return;
  }
  m_storyboard->selectShot(id);
}

void MainWindow::removeSelectedShot() {
  // Every selected shot on the timeline, one undo step; the neighbour is selected so Delete can go on.
  QString error;
  if (!m_storyboard->deleteSelection(&error))
    statusBar()->showMessage(tr("Not applied: %1").arg(error), kStatusMessage_ms);
}

void MainWindow::nudgeSelectedShot(int direction) {
  const QString shotId = m_storyboard->selectedShot();
  QString error;
  if (!m_document->nudgeShot(shotId, direction, &error)) {
    statusBar()->showMessage(tr("Not applied: %1").arg(error), kStatusMessage_ms);
    return;
  }
  m_storyboard->selectShot(shotId);
}

void MainWindow::setLanguage(const QString& language) {
  if (!Translations::setLanguage(language)) {
    reportError(tr("Language"), tr("The language \"%1\" is not available.").arg(language));
    return;
  }
  Translations::save(language);
  for (QAction* action : m_actions.languages->actions()) action->setChecked(action->data().toString() == language);
}

void MainWindow::setTheme(ThemeKind theme) {
  Theme::apply(theme);
  Theme::save(theme);
  (theme == ThemeKind::Dark ? m_actions.darkTheme : m_actions.lightTheme)->setChecked(true);
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About Shotcraft"),
                     tr("<h3>Shotcraft %1</h3>"
                        "<p>A storyboard studio with an on-device diffusion engine.</p>"
                        "<p>Draft a promo or short film as three acts of shots, refine each shot's prompt, "
                        "and render drafts on your own machine.</p>")
                         .arg(QStringLiteral(SHOTCRAFT_VERSION)));
}

}  // namespace shotcraft::ui
