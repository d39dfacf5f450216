#pragma once
// Pieces the shot-steering docks (Shot, Controls, Camera) share: two pages in a stack, a centred hint while no
// shot is selected (page 0) and the panel's editors (page 1); a frameless scroll page with the docks' margins;
// a bold heading naming the shot.
#include <QWidget>

class QLabel;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;

namespace shotcraft::ui::panel {

inline constexpr int kHintPage = 0;
inline constexpr int kContentPage = 1;

// Styles `hint` as the empty hint, puts it and `content` into `pages` (kHintPage, kContentPage) and fills `panel`
// with `pages`, without margins.
void installPages(QWidget* panel, QStackedWidget* pages, QLabel* hint, QWidget* content);

// A frameless, resizable scroll area (child of `parent`) showing a new page with a vertical layout.
struct ScrollPage {
  QScrollArea* scroll = nullptr;
  QWidget* page = nullptr;
  QVBoxLayout* layout = nullptr;
};
ScrollPage makeScrollPage(QWidget* parent);

// A bold label, its font `scale` times the page's, added to `layout` (the caller sets its text).
QLabel* addHeading(QWidget* page, QVBoxLayout* layout, double scale = 1.0);

}  // namespace shotcraft::ui::panel
