#pragma once
// The central three-act timeline: a time ruler (ticks, beat markers, playhead) above the three acts as labelled
// bands, each with its shots as clips whose width is their duration at the current zoom (pixels per second).
//
// Gestures, each one undo step through the ProjectDocument: drag a clip to reorder it (also into another act; a
// line shows where it lands, Escape cancels), drag its right edge to change its duration (live, on a 0.1 s grid),
// Ctrl/Shift-click to select several and Delete to remove them, and a context menu with Regenerate, New Take,
// Duplicate, Split at Playhead and Delete. Ctrl+wheel and zoomInAction()/zoomOutAction() zoom; a click on the
// ruler places the playhead. Split in StoryboardView.cpp (layout, selection, zoom, playhead) and
// StoryboardView_Edits.cpp (gestures, actions, context menu).
#include <QLine>
#include <QList>
#include <QScrollArea>
#include <QString>
#include <QStringList>
#include <array>

class QAction;
class QMenu;

namespace shotcraft::ui {

class ActRow;
class ProjectDocument;
class ShotCard;
class TimelineOverlay;
class TimelineRuler;

class StoryboardView : public QScrollArea {
  Q_OBJECT
 public:
  explicit StoryboardView(ProjectDocument* document, QWidget* parent = nullptr);

  // --- selection: the current shot (what the panels show) and every selected shot.
  const QString& selectedShot() const { return m_selected; }
  void selectShot(const QString& shotId);  // selects only this shot; "" or an unknown id clears
  QStringList selectedShots() const;       // in play order
  // What a press on a clip does: plain selects it alone, Ctrl toggles it, Shift selects the range from the
  // last plainly clicked shot. A right press on an already selected clip keeps the selection (for its menu).
  void clickShot(const QString& shotId, Qt::MouseButton button = Qt::LeftButton,
                 Qt::KeyboardModifiers modifiers = Qt::NoModifier);

  // --- edits on the selection (false with the reason, also sent as editFailed)
  bool deleteSelection(QString* error = nullptr);                     // one undo step
  bool splitAtPlayhead(const QString& shotId, QString* error = nullptr);  // the playhead must be inside the shot
  // Drops a dragged clip at a point of content() (what releasing a clip drag does): moveShot to the gap there.
  bool dropShot(const QString& shotId, const QPoint& contentPos, QString* error = nullptr);
  struct DropTarget {
    int act = 0;
    int row = 0;    // as ProjectDocument::moveShot counts: among the act's other shots
    QLine line;     // the indicator, in content() coordinates
  };
  DropTarget dropTarget(const QPoint& contentPos, const QString& movingShot) const;

  // --- zoom: pixels per second of shot duration. A freshly opened project (and Zoom to Fit) shows the whole
  // storyboard in the visible width and keeps fitting it while the view is resized, until the user picks a zoom
  // (zoom in/out, Ctrl+wheel, setPixelsPerSecond); from then on that zoom is kept.
  double pixelsPerSecond() const { return m_pixelsPerSecond; }
  void setPixelsPerSecond(double pixelsPerSecond);  // clamped to the zoom range; ends fitting
  void zoomIn();
  void zoomOut();
  void zoomToFit();  // the whole storyboard in the visible width (within the zoom range), kept on resize
  bool fitsToWidth() const { return m_fitToWidth; }
  QAction* zoomInAction() const { return m_zoomIn; }
  QAction* zoomOutAction() const { return m_zoomOut; }
  QAction* zoomToFitAction() const { return m_zoomFit; }

  // --- playhead, in seconds from the start of the first act
  double playheadSeconds() const { return m_playhead_s; }
  void setPlayheadSeconds(double seconds);  // clamped to 0..total duration
  QString shotAtPlayhead() const;           // "" when no shot spans the playhead

  // Actions added to the clip context menu after the view's own (e.g. the window's Move Earlier / Later).
  void setCardActions(const QList<QAction*>& actions) { m_cardActions = actions; }
  // The clip context menu for the current selection (the caller owns it and runs exec()).
  QMenu* createContextMenu(QWidget* parent);

  ActRow* actRow(int act) const;
  ShotCard* card(const QString& shotId) const;
  int cardCount() const;
  TimelineRuler* ruler() const { return m_ruler; }
  QWidget* content() const { return m_content; }
  QLine dropIndicator() const;  // null unless a clip is being dragged

 signals:
  void selectionChanged(const QString& shotId);  // the current shot
  void selectedShotsChanged(const QStringList& shotIds);
  void editFailed(const QString& message);
  void playheadChanged(double seconds);
  void zoomChanged(double pixelsPerSecond);
  void regenerateRequested(const QString& shotId);  // render the shot again with its settings
  void newTakeRequested(const QString& shotId);     // render another take of the shot

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  // StoryboardView.cpp
  void rebuild();
  void refreshShot(const QString& shotId);
  void refreshActTitles();
  void relayout();
  void applyZoom(double pixelsPerSecond);
  void fitToWidth();
  void updatePlayheadLine();
  void applySelection(const QString& current, QStringList selection);
  void addShot(int act);
  // StoryboardView_Edits.cpp
  void createActions();
  void retranslate();
  void updateActions();
  void connectCard(ShotCard* card);
  void showDropIndicator(const QString& shotId, const QPoint& globalPos);
  void resizeClip(const QString& shotId, int width_px);
  void duplicateCurrent();

  ProjectDocument* m_document;
  QWidget* m_content;
  TimelineRuler* m_ruler;
  TimelineOverlay* m_overlay;
  std::array<ActRow*, 3> m_rows{};
  QString m_selected;
  QString m_anchor;  // where a Shift-click range starts
  QStringList m_selection;
  QList<QAction*> m_cardActions;
  double m_pixelsPerSecond;
  bool m_fitToWidth = true;  // refit on resize until the user zooms
  double m_playhead_s = 0.0;
  QString m_resizeGesture;  // the merge key of the edge drag under way ("" when none)

  QAction* m_regenerate = nullptr;
  QAction* m_newTake = nullptr;
  QAction* m_duplicate = nullptr;
  QAction* m_split = nullptr;
  QAction* m_delete = nullptr;
  QAction* m_zoomIn = nullptr;
  QAction* m_zoomOut = nullptr;
  QAction* m_zoomFit = nullptr;
};

}  // namespace shotcraft::ui
