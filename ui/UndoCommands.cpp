#include "ui/UndoCommands.h"

#include <QDebug>
#include <utility>

#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

namespace {
constexpr int kMergeableCommandId = 0x5c0e;  // any id other than -1; mergeWith() compares the keys
}

ModelEditCommand::ModelEditCommand(ProjectDocument* document, const QString& text, ModelRequest doRequest,
                                   ModelRequest undoRequest, ChangeScope scope, QString mergeKey)
    : QUndoCommand(text),
      m_document(document),
      m_do(std::move(doRequest)),
      m_undo(std::move(undoRequest)),
      m_scope(std::move(scope)),
      m_mergeKey(std::move(mergeKey)) {}

void ModelEditCommand::redo() {
  if (m_skipFirstRedo) {  // ProjectDocument already ran the request before pushing this command
    m_skipFirstRedo = false;
    return;
  }
  apply(m_do, "redo");
}

void ModelEditCommand::undo() { apply(m_undo, "undo"); }

int ModelEditCommand::id() const { return m_mergeKey.isEmpty() ? -1 : kMergeableCommandId; }

bool ModelEditCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = dynamic_cast<const ModelEditCommand*>(other);
  if (next == nullptr || next->m_mergeKey != m_mergeKey || m_mergeKey.isEmpty()) return false;
  m_do = next->m_do;  // keep our undo (the state before the first edit), take the newest forward edit
  return true;
}

void ModelEditCommand::apply(const ModelRequest& request, const char* what) {
  QString error;
  if (!m_document->runRequest(request, &error)) {
    // The stack replays requests that succeeded before, so this means the model and the stack disagree.
    qWarning().noquote() << "shotcraft: cannot" << what << text() << "-" << error;
    return;
  }
  m_document->notifyChanged(m_scope);
}

}  // namespace shotcraft::ui
