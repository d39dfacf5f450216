#pragma once
// The open project: the model value, where it lives on disk, whether it has unsaved edits, and its undo history.
//
// Every edit goes through one of the edit methods below. Each runs the model's request method; when the model
// refuses, the method returns false with the model's one-line reason and nothing changes (no undo step either).
// When it accepts, a ModelEditCommand holding the forward and inverse requests is pushed on undoStack().
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>
#include <cstdint>

#include "core/model/Project.h"
#include "ui/UndoCommands.h"

namespace shotcraft::ui {

class ProjectDocument : public QObject {
  Q_OBJECT
 public:
  explicit ProjectDocument(QObject* parent = nullptr);

  const model::Project& project() const { return m_project; }
  // The Name.shotcraft folder this project was loaded from or saved to; "" for a new or imported project.
  const QString& filePath() const { return m_filePath; }
  QString displayName() const;  // the project name, else the folder name, else "Untitled"
  bool isDirty() const;
  QUndoStack* undoStack() const { return m_undoStack; }

  // --- whole-document operations (each clears the undo history)
  void newProject();
  // path: a Name.shotcraft folder or its project.json. On failure the document is unchanged.
  bool load(const QString& path, QString* error = nullptr);
  bool save(QString* error = nullptr);  // to filePath(); fails when there is none
  // folder: the Name.shotcraft folder to write (created when missing). Becomes filePath() on success.
  bool saveAs(const QString& folder, QString* error = nullptr);
  // Replaces the project with one built from a Fountain screenplay; it has no file path and counts as unsaved.
  bool importFountain(const QString& fountainPath, QString* error = nullptr);
  // Replaces the project (used by load/import; tests may use it directly).
  void reset(model::Project project, const QString& filePath, bool dirty);

  // --- shot edits (shotId names an existing shot)
  bool setShotTitle(const QString& shotId, const QString& title, QString* error = nullptr);
  bool setShotPrompt(const QString& shotId, const QString& prompt, QString* error = nullptr);
  bool setShotNegativePrompt(const QString& shotId, const QString& negative, QString* error = nullptr);
  bool setShotDuration(const QString& shotId, double duration_s, QString* error = nullptr);
  bool setShotFps(const QString& shotId, int fps, QString* error = nullptr);
  bool setShotSeed(const QString& shotId, uint64_t seed, QString* error = nullptr);
  bool setShotSampler(const QString& shotId, const QString& sampler, QString* error = nullptr);
  bool setShotSteps(const QString& shotId, int steps, QString* error = nullptr);
  bool setShotCadence(const QString& shotId, int cadenceFrames, QString* error = nullptr);  // 0 = render default
  bool setShotCfgScale(const QString& shotId, double cfg_scale, QString* error = nullptr);

  // --- structure edits
  // Adds a shot with the project defaults at (act, row); row -1 appends. The new id goes to *newId.
  bool addShot(int act, int row, QString* error = nullptr, QString* newId = nullptr);
  bool removeShot(const QString& shotId, QString* error = nullptr);
  // row indexes the destination act after the shot was taken out of its place (as Project::requestMoveShot).
  bool moveShot(const QString& shotId, int act, int row, QString* error = nullptr);
  // Moves one place earlier (-1) or later (+1) in play order, crossing into the neighbouring act at the ends.
  bool nudgeShot(const QString& shotId, int direction, QString* error = nullptr);
  bool duplicateShot(const QString& shotId, QString* error = nullptr, QString* newId = nullptr);

  // --- takes (ProjectDocument_Takes.cpp). Adds `take` to the shot unless it already holds one with its render
  // hash, and selects it: one undo step.
  bool applyTake(const QString& shotId, const model::Take& take, QString* error = nullptr);

  // --- controls and camera (ProjectDocument_Steering.cpp). Edits that carry the same non-empty gesture key in a
  // row (one slider drag, one anchor drag) merge into one undo step; "" never merges.
  bool setShotControls(const QString& shotId, const model::ControlSettings& controls, const QString& gesture = {},
                       QString* error = nullptr);
  bool setShotCamera(const QString& shotId, const model::CameraPath& camera, const QString& gesture = {},
                     QString* error = nullptr);

  // --- timeline edits (ProjectDocument_Timeline.cpp)
  // One step of an edge drag: calls carrying the same non-empty gesture key in a row merge into one undo step
  // (a new drag uses a new key, so two drags are two steps).
  bool dragShotDuration(const QString& shotId, double duration_s, const QString& gesture, QString* error = nullptr);
  // Splits the shot atSeconds after its start (0 < atSeconds < duration): the first part keeps the id, the takes
  // and the camera path's first stretch; the second, right after it, is a new shot with the same prompt, seed and
  // settings and the rest of the duration (so the two sum to the original). One undo step.
  bool splitShot(const QString& shotId, double atSeconds, QString* error = nullptr, QString* newId = nullptr);
  // Removes the shots as one undo step. An unknown id fails before anything changes.
  bool removeShots(const QStringList& shotIds, QString* error = nullptr);

  // --- brief and acts. field names the brief field being edited so typing in one field merges into one step.
  bool setBrief(const model::Brief& brief, const QString& field = {}, QString* error = nullptr);
  bool setActTitle(int act, const QString& title, QString* error = nullptr);

 signals:
  void projectReset();                    // a new project replaced the old one: rebuild every view
  void shotChanged(const QString& shotId);  // fields of one shot (not its place)
  void structureChanged();                // shots added, removed or moved
  void briefChanged();
  void actsChanged();                     // act titles
  void changed();                         // after any of the above
  void dirtyChanged(bool dirty);
  void filePathChanged(const QString& path);

 private:
  friend class ModelEditCommand;
  bool runRequest(const ModelRequest& request, QString* error);
  void notifyChanged(const ChangeScope& scope);

  // Runs doRequest; on success pushes an undo step (already applied) and notifies the views.
  bool edit(const QString& text, const ModelRequest& doRequest, const ModelRequest& undoRequest, ChangeScope scope,
            const QString& mergeKey, QString* error);
  template <typename Value, typename Getter, typename Setter>
  bool editShotField(const QString& shotId, const QString& text, const char* field, const Value& value, Getter get,
                     Setter set, QString* error);
  void setDirtyWithoutUndo(bool dirty);
  void setFilePath(const QString& path);

  model::Project m_project;
  QString m_filePath;
  QUndoStack* m_undoStack;
  bool m_dirtyWithoutUndo = false;  // e.g. an imported project that was never saved
  bool m_lastDirty = false;
};

}  // namespace shotcraft::ui
