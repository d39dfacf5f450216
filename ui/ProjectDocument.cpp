#include "ui/ProjectDocument.h"

#include <QFileInfo>
#include <tuple>
#include <utility>

namespace shotcraft::ui {

using model::Project;

namespace {

QString noShotError(const QString& shotId) { return QStringLiteral("shot %1: no such shot").arg(shotId); }

}  // namespace

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent), m_undoStack(new QUndoStack(this)) {
  connect(m_undoStack, &QUndoStack::cleanChanged, this, [this] { setDirtyWithoutUndo(m_dirtyWithoutUndo); });
}

QString ProjectDocument::displayName() const {
  const bool defaultName = m_project.name() == model::Project().name();  // the model's untranslated "Untitled"
  if (!m_project.name().trimmed().isEmpty() && !defaultName) return m_project.name();
  if (!m_filePath.isEmpty()) return QFileInfo(m_filePath).completeBaseName();
  return tr("Untitled");
}

bool ProjectDocument::isDirty() const { return m_dirtyWithoutUndo || !m_undoStack->isClean(); }

void ProjectDocument::newProject() { reset(Project(), QString(), false); }

void ProjectDocument::reset(model::Project project, const QString& filePath, bool dirty) {
  m_project = std::move(project);
  m_undoStack->clear();
  m_undoStack->setClean();
  setFilePath(filePath);
  m_dirtyWithoutUndo = dirty;
  emit projectReset();
  emit changed();
  setDirtyWithoutUndo(dirty);
}

void ProjectDocument::setDirtyWithoutUndo(bool dirty) {
  m_dirtyWithoutUndo = dirty;
  const bool now = isDirty();
  if (now == m_lastDirty) return;
  m_lastDirty = now;
  emit dirtyChanged(now);
}

void ProjectDocument::setFilePath(const QString& path) {
  if (path == m_filePath) return;
  m_filePath = path;
  emit filePathChanged(path);
}

bool ProjectDocument::runRequest(const ModelRequest& request, QString* error) { return request(m_project, error); }

void ProjectDocument::notifyChanged(const ChangeScope& scope) {
  switch (scope.kind) {
    case ChangeKind::Shot: emit shotChanged(scope.shotId); break;
    case ChangeKind::Structure: emit structureChanged(); break;
    case ChangeKind::Brief: emit briefChanged(); break;
    case ChangeKind::Acts: emit actsChanged(); break;
  }
  emit changed();
}

bool ProjectDocument::edit(const QString& text, const ModelRequest& doRequest, const ModelRequest& undoRequest,
                           ChangeScope scope, const QString& mergeKey, QString* error) {
  QString reason;
  if (!doRequest(m_project, &reason)) {  // the model refused and is untouched
    if (error != nullptr) *error = reason;
    return false;
  }
  m_undoStack->push(new ModelEditCommand(this, text, doRequest, undoRequest, scope, mergeKey));  // stack owns it
  notifyChanged(scope);
  return true;
}

// --- shot fields

template <typename Value, typename Getter, typename Setter>
bool ProjectDocument::editShotField(const QString& shotId, const QString& text, const char* field, const Value& value,
                                    Getter get, Setter set, QString* error) {
  const model::Shot* shot = m_project.findShot(shotId);
  if (shot == nullptr) {
    if (error != nullptr) *error = noShotError(shotId);
    return false;
  }
  const Value before = get(*shot);
  if (before == value) return true;  // nothing to do, no undo step
  ModelRequest forward = [=](Project& p, QString* e) { return set(p, shotId, value, e); };
  ModelRequest inverse = [=](Project& p, QString* e) { return set(p, shotId, before, e); };
  return edit(text, forward, inverse, {ChangeKind::Shot, shotId},
              QStringLiteral("shot/%1/%2").arg(shotId, QLatin1String(field)), error);
}

bool ProjectDocument::setShotTitle(const QString& shotId, const QString& title, QString* error) {
  return editShotField(
      shotId, tr("Edit Shot Title"), "title", title, [](const model::Shot& s) { return s.title; },
      [](Project& p, const QString& id, const QString& v, QString* e) { return p.requestSetShotTitle(id, v, e); },
      error);
}

bool ProjectDocument::setShotPrompt(const QString& shotId, const QString& prompt, QString* error) {
  return editShotField(
      shotId, tr("Edit Prompt"), "prompt", prompt, [](const model::Shot& s) { return s.prompt; },
      [](Project& p, const QString& id, const QString& v, QString* e) { return p.requestSetShotPrompt(id, v, e); },
      error);
}

bool ProjectDocument::setShotNegativePrompt(const QString& shotId, const QString& negative, QString* error) {
  return editShotField(
      shotId, tr("Edit Negative Prompt"), "negative", negative, [](const model::Shot& s) { return s.negative_prompt; },
      [](Project& p, const QString& id, const QString& v, QString* e) {
        return p.requestSetShotNegativePrompt(id, v, e);
      },
      error);
}

bool ProjectDocument::setShotDuration(const QString& shotId, double duration_s, QString* error) {
  return editShotField(
      shotId, tr("Change Duration"), "duration", duration_s, [](const model::Shot& s) { return s.duration_s; },
      [](Project& p, const QString& id, double v, QString* e) { return p.requestSetShotDuration(id, v, e); }, error);
}

bool ProjectDocument::setShotFps(const QString& shotId, int fps, QString* error) {
  return editShotField(
      shotId, tr("Change Frame Rate"), "fps", fps, [](const model::Shot& s) { return s.fps; },
      [](Project& p, const QString& id, int v, QString* e) { return p.requestSetShotFps(id, v, e); }, error);
}

bool ProjectDocument::setShotCadence(const QString& shotId, int cadenceFrames, QString* error) {
  return editShotField(
      shotId, tr("Change Keyframe Cadence"), "cadence", cadenceFrames, [](const model::Shot& s) { return s.cadence_frames; },
      [](Project& p, const QString& id, int v, QString* e) { return p.requestSetShotCadence(id, v, e); }, error);
}

bool ProjectDocument::setShotSeed(const QString& shotId, uint64_t seed, QString* error) {
  return editShotField(
      shotId, tr("Change Seed"), "seed", seed, [](const model::Shot& s) { return s.seed; },
      [](Project& p, const QString& id, uint64_t v, QString* e) { return p.requestSetShotSeed(id, v, e); }, error);
}

// Sampler, steps and CFG share one model request; each setter keeps the other two as they are.
namespace {
using SamplerSettings = std::tuple<QString, int, double>;
SamplerSettings samplerOf(const model::Shot& s) { return {s.sampler, s.steps, s.cfg_scale}; }
bool setSampler(Project& p, const QString& id, const SamplerSettings& v, QString* e) {
  return p.requestSetShotSampler(id, std::get<0>(v), std::get<1>(v), std::get<2>(v), e);
}
}  // namespace

bool ProjectDocument::setShotSampler(const QString& shotId, const QString& sampler, QString* error) {
  const model::Shot* shot = m_project.findShot(shotId);
  SamplerSettings value = shot ? samplerOf(*shot) : SamplerSettings{};
  std::get<0>(value) = sampler;
  return editShotField(shotId, tr("Change Sampler"), "sampler", value, samplerOf, setSampler, error);
}

bool ProjectDocument::setShotSteps(const QString& shotId, int steps, QString* error) {
  const model::Shot* shot = m_project.findShot(shotId);
  SamplerSettings value = shot ? samplerOf(*shot) : SamplerSettings{};
  std::get<1>(value) = steps;
  return editShotField(shotId, tr("Change Steps"), "steps", value, samplerOf, setSampler, error);
}

bool ProjectDocument::setShotCfgScale(const QString& shotId, double cfg_scale, QString* error) {
  const model::Shot* shot = m_project.findShot(shotId);
  SamplerSettings value = shot ? samplerOf(*shot) : SamplerSettings{};
  std::get<2>(value) = cfg_scale;
  return editShotField(shotId, tr("Change CFG Scale"), "cfg", value, samplerOf, setSampler, error);
}

}  // namespace shotcraft::ui
