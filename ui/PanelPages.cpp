#include "ui/PanelPages.h"

#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace shotcraft::ui::panel {

void installPages(QWidget* panel, QStackedWidget* pages, QLabel* hint, QWidget* content) {
  hint->setAlignment(Qt::AlignCenter);
  hint->setWordWrap(true);
  hint->setForegroundRole(QPalette::PlaceholderText);
  hint->setMargin(24);
  pages->insertWidget(kHintPage, hint);
  pages->insertWidget(kContentPage, content);
  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages);
}

ScrollPage makeScrollPage(QWidget* parent) {
  ScrollPage p;
  p.scroll = new QScrollArea(parent);
  p.scroll->setWidgetResizable(true);
  p.scroll->setFrameShape(QFrame::NoFrame);
  p.page = new QWidget(p.scroll);
  p.layout = new QVBoxLayout(p.page);
  p.layout->setContentsMargins(10, 8, 10, 10);
  p.layout->setSpacing(10);
  p.scroll->setWidget(p.page);
  return p;
}

QLabel* addHeading(QWidget* page, QVBoxLayout* layout, double scale) {
  auto* heading = new QLabel(page);
  QFont bold = heading->font();
  bold.setBold(true);
  if (scale != 1.0) bold.setPointSizeF(bold.pointSizeF() * scale);
  heading->setFont(bold);
  layout->addWidget(heading);
  return heading;
}

}  // namespace shotcraft::ui::panel
