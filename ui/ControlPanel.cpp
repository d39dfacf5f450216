#include "ui/ControlPanel.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "core/model/ControlResolve.h"
#include "core/model/ProjectIo.h"
#include "core/render/ControlPreview.h"
#include "ui/ImageConvert.h"
#include "ui/PanelPages.h"
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

namespace {

constexpr int kPreviewSide_px = 320;
constexpr model::ControlKind kKinds[] = {model::ControlKind::Depth, model::ControlKind::Canny,
                                         model::ControlKind::Pose};

// `path` relative to `dir` when it lies inside it, else "".
QString inside(const QString& dir, const QString& path) {
  const QString rel = QDir(dir).relativeFilePath(QFileInfo(path).absoluteFilePath());
  if (rel.isEmpty() || rel == QLatin1String(".") || rel.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(rel))
    return {};
  return rel;
}

QByteArray sha256(const QString& path) {
  QFile file(path);
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) return {};
  return hash.result();
}

QStringList imageFiles(const QString& folder) {
  QStringList files;
  const QDir dir(folder);
  for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
    const QString suffix = QFileInfo(name).suffix().toLower();
    if (suffix == QLatin1String("png") || suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
      files << dir.filePath(name);
  }
  return files;
}

// A name under assets/controls/ for `base` that is free (or already holds the same bytes, for a file).
QString freeName(const QDir& controls, const QString& base, const QString& source) {
  const QFileInfo info(base);
  for (int n = 1; n < 1000; ++n) {
    const QString name = n == 1 ? base
                                : QStringLiteral("%1_%2%3")
                                      .arg(info.completeBaseName())
                                      .arg(n)
                                      .arg(info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix());
    const QString target = controls.filePath(name);
    if (!QFileInfo::exists(target)) return name;
    if (QFileInfo(source).isFile() && QFileInfo(target).isFile() && sha256(source) == sha256(target))
      return name;  // the same picture chosen again
  }
  return {};
}

// Copies a file or a folder's images into assets/controls/; *relative is the new source. False with *error.
bool importAsset(const QString& assets, const QString& path, QString* relative, QString* error) {
  QDir controls(assets);
  if (!controls.mkpath(QStringLiteral("controls")) || !controls.cd(QStringLiteral("controls"))) {
    *error = QStringLiteral("cannot create %1/controls").arg(assets);
    return false;
  }
  const QFileInfo info(path);
  const QString name = freeName(controls, info.fileName(), path);
  if (name.isEmpty()) {
    *error = QStringLiteral("no free name for %1 in assets/controls").arg(info.fileName());
    return false;
  }
  const QString target = controls.filePath(name);
  if (info.isDir()) {
    const QStringList files = imageFiles(path);
    if (files.isEmpty()) {
      *error = QStringLiteral("folder %1 holds no PNG or JPEG images").arg(path);
      return false;
    }
    QDir().mkpath(target);
    for (const QString& f : files) {
      if (!QFile::copy(f, QDir(target).filePath(QFileInfo(f).fileName()))) {
        *error = QStringLiteral("cannot copy %1 into assets/controls").arg(f);
        return false;
      }
    }
  } else if (!QFileInfo::exists(target) && !QFile::copy(path, target)) {
    *error = QStringLiteral("cannot copy %1 into assets/controls").arg(path);
    return false;
  }
  *relative = QStringLiteral("controls/") + name;
  return true;
}

}  // namespace

ControlPanel::ControlPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_pages(new QStackedWidget(this)), m_emptyHint(new QLabel(this)) {
  setObjectName(QStringLiteral("ControlPanel"));
  const panel::ScrollPage scroll = panel::makeScrollPage(this);
  QWidget* page = scroll.page;
  QVBoxLayout* layout = scroll.layout;
  m_heading = panel::addHeading(page, layout);
  for (model::ControlKind kind : kKinds) {
    auto* editor = new ControlSlotEditor(kind, page);
    m_editors[size_t(kind)] = editor;
    layout->addWidget(editor);
    connect(editor, &ControlSlotEditor::slotEdited, this, &ControlPanel::applySlot);
    m_watchers[size_t(kind)] = new QFutureWatcher<PreviewResult>(this);
    connect(m_watchers[size_t(kind)], &QFutureWatcherBase::finished, this, [this, kind] { showPreview(kind); });
    connect(editor, &ControlSlotEditor::chooseRequested, this, [this](model::ControlKind k, SourceMode mode) {
      const QString path = m_picker ? m_picker(k, mode) : QString();
      if (path.isEmpty()) {
        refresh();  // cancelled: show the model again
        return;
      }
      chooseSource(k, mode, path);
    });
  }
  m_error = new QLabel(page);
  m_error->setObjectName(QStringLiteral("controlError"));
  m_error->setWordWrap(true);
  m_error->setForegroundRole(QPalette::BrightText);
  m_error->hide();
  layout->addWidget(m_error);
  layout->addStretch(1);
  panel::installPages(this, m_pages, m_emptyHint, scroll.scroll);

  m_picker = [this](model::ControlKind, SourceMode mode) {
    if (mode == SourceMode::ImageSequence)
      return QFileDialog::getExistingDirectory(this, tr("Choose a Folder of Numbered Images"));
    return QFileDialog::getOpenFileName(this, tr("Choose a Control Image"), QString(),
                                        tr("Images (*.png *.jpg *.jpeg)"));
  };
  connect(m_document, &ProjectDocument::shotChanged, this, [this](const QString& id) {
    if (id == m_shotId) refresh();
  });
  connect(m_document, &ProjectDocument::structureChanged, this, &ControlPanel::refresh);  // "previous" may change
  connect(m_document, &ProjectDocument::projectReset, this, [this] { setShot(QString()); });
  connect(m_document, &ProjectDocument::filePathChanged, this, [this] {
    m_previewKeys = {};
    refresh();
  });
  retranslate();
  refresh();
}

void ControlPanel::setShot(const QString& shotId) {
  if (shotId == m_shotId) return;
  m_shotId = shotId;
  m_error->hide();
  refresh();
}

QString ControlPanel::lastError() const {
  return m_error->isHidden() ? QString() : m_error->text();
}

QString ControlPanel::assetsDir() const {
  if (m_document->filePath().isEmpty()) return {};
  return QDir(model::ProjectIo::projectFolder(m_document->filePath())).filePath(QStringLiteral("assets"));
}

void ControlPanel::refresh() {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  if (shot == nullptr) {
    m_shotId.clear();
    m_pages->setCurrentIndex(panel::kHintPage);
    return;
  }
  m_pages->setCurrentIndex(panel::kContentPage);
  m_heading->setText(tr("Controls of %1").arg(shot->title.isEmpty() ? shot->id : shot->title));
  const QString assets = assetsDir();
  for (model::ControlKind kind : kKinds) {
    const model::ControlSlot& slot = shot->controls.slot(kind);
    const bool sequence =
        !assets.isEmpty() && !slot.source.isEmpty() && QFileInfo(QDir(assets).filePath(slot.source)).isDir();
    m_editors[size_t(kind)]->setSlot(slot, sequence);
    refreshPreview(kind);
  }
}

void ControlPanel::refreshPreview(model::ControlKind kind) {
  const model::Project& project = m_document->project();
  const model::ControlSlot own = project.findShot(m_shotId)->controls.slot(kind);
  const model::ControlSlot slot = model::resolveControls(project, m_shotId).slot(kind);
  const QString from = own.origin == model::ControlOrigin::PreviousShot
                           ? model::previousControlShot(project, m_shotId, kind)
                           : QString();
  const QString assets = assetsDir();
  const QString path = QDir(assets).filePath(slot.source);
  const QString key = QStringList{model::ControlSettings::originName(own.origin),
                                  from,
                                  slot.source,
                                  model::ControlSettings::sourceName(slot.source_kind),
                                  assets,
                                  QFileInfo(path).lastModified().toString(Qt::ISODateWithMs)}
                          .join(QLatin1Char('|'));
  if (key == m_previewKeys[size_t(kind)]) return;  // a weight or range change: the map is the same
  m_previewKeys[size_t(kind)] = key;

  QString note;
  if (own.origin == model::ControlOrigin::PreviousShot) {
    note =
        from.isEmpty() ? tr("No earlier shot has a file for this control.") : tr("Uses the map of shot %1.").arg(from);
  }
  m_previewNotes[size_t(kind)] = note;
  m_watchers[size_t(kind)]->cancel();  // a result still on its way is for the old key
  m_pending[size_t(kind)] = false;
  if (slot.source.isEmpty()) {
    m_editors[size_t(kind)]->setPreview(QImage(), note);
    return;
  }
  if (assets.isEmpty()) {
    m_editors[size_t(kind)]->setPreview(QImage(), tr("Save the project to see its control maps."));
    return;
  }
  m_editors[size_t(kind)]->setPreview(QImage(), note);  // not the map of another shot or file meanwhile
  // Decoding and edge finding can take a while on a large picture: off the UI thread. A newer request replaces
  // the watched future, so only the latest map is shown.
  m_pending[size_t(kind)] = true;
  m_watchers[size_t(kind)]->setFuture(QtConcurrent::run([slot, kind, assets] {
    PreviewResult r;
    Image map;
    r.ok = render::controlPreview(slot, kind, assets, kPreviewSide_px, &map, &r.why);
    r.map = toQImage(map);
    return r;
  }));
}

void ControlPanel::showPreview(model::ControlKind kind) {
  QFutureWatcher<PreviewResult>* watcher = m_watchers[size_t(kind)];
  if (!watcher->isFinished()) return;  // a late signal of an older request
  m_pending[size_t(kind)] = false;
  if (watcher->isCanceled() || watcher->future().resultCount() == 0) return;
  const PreviewResult r = watcher->result();
  QString note = m_previewNotes[size_t(kind)];
  if (!r.ok) note = note.isEmpty() ? r.why : note + QLatin1Char(' ') + r.why;  // the reason, as the renderer says it
  m_editors[size_t(kind)]->setPreview(r.map, note);
}

bool ControlPanel::previewsPending() const {
  return std::any_of(m_pending.begin(), m_pending.end(), [](bool p) { return p; });
}

void ControlPanel::applySlot(model::ControlKind kind, const model::ControlSlot& slot, const QString& gesture) {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  if (shot == nullptr) return;
  model::ControlSettings controls = shot->controls;
  controls.setSlot(kind, slot);
  QString error;
  const bool ok = m_document->setShotControls(m_shotId, controls, gesture, &error);
  report(ok, error);
  if (!ok) refresh();  // show the model's value again
}

bool ControlPanel::chooseSource(model::ControlKind kind, SourceMode mode, const QString& path, QString* error) {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  QString why;
  model::ControlSlot slot = shot != nullptr ? shot->controls.slot(kind) : model::ControlSlot{};
  if (shot == nullptr) {
    why = tr("No shot is selected.");
  } else if (mode == SourceMode::PreviousShot) {
    slot.origin = model::ControlOrigin::PreviousShot;
    slot.source.clear();
    slot.enabled = true;
  } else if (assetsDir().isEmpty()) {
    why = tr("Save the project first: control images are copied into its assets folder.");
  } else if (mode == SourceMode::ImageSequence ? !QFileInfo(path).isDir() : !QFileInfo(path).isFile()) {
    why = mode == SourceMode::ImageSequence ? tr("%1 is not a folder.").arg(path) : tr("%1 is not a file.").arg(path);
  } else {
    QString relative = inside(assetsDir(), path);
    if (relative.isEmpty() && !importAsset(assetsDir(), path, &relative, &why)) why = tr("Not copied: %1").arg(why);
    if (why.isEmpty()) {
      const bool wasFile = slot.origin == model::ControlOrigin::File && !slot.source.isEmpty();
      slot.origin = model::ControlOrigin::File;
      slot.source = relative;
      slot.enabled = true;
      // Only canny edges can be found in a picture; depth and pose files are taken as ready maps.
      if (!wasFile) {
        slot.source_kind = kind == model::ControlKind::Canny ? model::ControlSource::Image : model::ControlSource::Map;
      }
    }
  }
  if (why.isEmpty()) {
    model::ControlSettings controls = shot->controls;
    controls.setSlot(kind, slot);
    if (m_document->setShotControls(m_shotId, controls, QString(), &why)) {
      report(true, QString());
      m_previewKeys[size_t(kind)].clear();
      refresh();
      return true;
    }
  }
  report(false, why);
  refresh();
  if (error != nullptr) *error = why;
  return false;
}

void ControlPanel::report(bool ok, const QString& error) {
  m_error->setText(ok ? QString() : tr("Not applied: %1").arg(error));
  m_error->setVisible(!ok);
}

void ControlPanel::retranslate() {
  m_emptyHint->setText(tr("Select a shot on the storyboard to steer it with depth, edge or pose maps."));
  m_previewKeys = {};
  refresh();
}

void ControlPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
