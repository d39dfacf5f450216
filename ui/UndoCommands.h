#pragma once
// The one undo command every project edit goes through: a pair of model request calls (do / undo).
//
// ProjectDocument runs the "do" request first; only when the model accepts it is a ModelEditCommand pushed,
// and its first redo() is skipped because the edit is already in the model. Later undo()/redo() calls run the
// inverse or forward request again. Consecutive edits of the same field of the same object (typing in a prompt,
// spinning a seed) merge into one step.
#include <QString>
#include <QUndoCommand>
#include <functional>

#include "core/model/Project.h"

namespace shotcraft::ui {

class ProjectDocument;

// What an edit touched, so views refresh only what changed.
enum class ChangeKind { Shot, Structure, Brief, Acts };

struct ChangeScope {
  ChangeKind kind = ChangeKind::Structure;
  QString shotId;  // for ChangeKind::Shot
};

using ModelRequest = std::function<bool(model::Project&, QString* error)>;

class ModelEditCommand : public QUndoCommand {
 public:
  // mergeKey: "" = never merges; else consecutive commands with the same key merge into one.
  ModelEditCommand(ProjectDocument* document, const QString& text, ModelRequest doRequest, ModelRequest undoRequest,
                   ChangeScope scope, QString mergeKey = {});

  void redo() override;
  void undo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

  const QString& mergeKey() const { return m_mergeKey; }

 private:
  void apply(const ModelRequest& request, const char* what);

  ProjectDocument* m_document;
  ModelRequest m_do;
  ModelRequest m_undo;
  ChangeScope m_scope;
  QString m_mergeKey;
  bool m_skipFirstRedo = true;
};

}  // namespace shotcraft::ui
