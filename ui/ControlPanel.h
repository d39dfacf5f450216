#pragma once
// The "Controls" dock: the selected shot's depth, canny and pose ControlNet slots (ControlSlotEditor each), with a
// preview of every map as the engine would get it (computed by core: render::controlPreview). Every change goes
// through ProjectDocument::setShotControls, so it can be undone; one slider drag is one undo step.
#include <QImage>
#include <QString>
#include <QWidget>
#include <array>
#include <functional>

#include "core/model/ControlSettings.h"
#include "ui/ControlSlotEditor.h"

class QLabel;
class QStackedWidget;
template <typename T>
class QFutureWatcher;

namespace shotcraft::ui {

class ProjectDocument;

class ControlPanel : public QWidget {
  Q_OBJECT
 public:
  using SourceMode = ControlSlotEditor::SourceMode;
  // Asks the person for a file (ImageFile) or folder (ImageSequence); "" = cancelled. The default opens a
  // QFileDialog; tests install one that answers at once.
  using SourcePicker = std::function<QString(model::ControlKind kind, SourceMode mode)>;

  explicit ControlPanel(ProjectDocument* document, QWidget* parent = nullptr);

  const QString& shotId() const { return m_shotId; }
  void setShot(const QString& shotId);  // "" shows the "select a shot" hint
  ControlSlotEditor* slotEditor(model::ControlKind kind) const { return m_editors[size_t(kind)]; }
  QString lastError() const;  // the refusal shown under the slots, "" when none
  void setSourcePicker(SourcePicker picker) { m_picker = std::move(picker); }
  bool previewsPending() const;  // a map preview is still being computed in the background

  // Makes `path` (an image file, or a folder of images for ImageSequence) the slot's source and enables the slot.
  // A path outside the project's assets/ is copied into assets/controls/ first, so the project needs a folder.
  // PreviousShot ignores path. False with a one-line reason (also shown in the panel) when nothing changed.
  bool chooseSource(model::ControlKind kind, SourceMode mode, const QString& path, QString* error = nullptr);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  struct PreviewResult {
    QImage map;
    QString why;
    bool ok = false;
  };
  void refresh();
  void refreshPreview(model::ControlKind kind);
  void showPreview(model::ControlKind kind);  // a background preview finished
  void applySlot(model::ControlKind kind, const model::ControlSlot& slot, const QString& gesture);
  void report(bool ok, const QString& error);
  void retranslate();
  QString assetsDir() const;  // "" when the project has no folder yet

  ProjectDocument* m_document;
  QString m_shotId;
  QStackedWidget* m_pages;
  QLabel* m_emptyHint;
  QLabel* m_heading = nullptr;
  QLabel* m_error = nullptr;
  std::array<ControlSlotEditor*, model::kControlKindCount> m_editors{};
  std::array<QString, model::kControlKindCount> m_previewKeys;  // what each preview was computed from
  std::array<QString, model::kControlKindCount> m_previewNotes;
  std::array<QFutureWatcher<PreviewResult>*, model::kControlKindCount> m_watchers{};
  std::array<bool, model::kControlKindCount> m_pending{};  // launched, not shown yet
  SourcePicker m_picker;
};

}  // namespace shotcraft::ui
