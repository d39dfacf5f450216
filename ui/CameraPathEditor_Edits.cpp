// CameraPathEditor: from the canvas, ruler and editors to ProjectDocument edits, and the motion preview.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QTimer>
#include <QToolButton>
#include <algorithm>
#include <cmath>
#include <iterator>

#include "ui/CameraCurvePlot.h"
#include "ui/CameraPathCanvas.h"
#include "ui/CameraPathEditor.h"
#include "ui/CameraTimeRuler.h"
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

using model::CameraChannel;

namespace {
constexpr CameraChannel kEdited[] = {CameraChannel::PanX, CameraChannel::PanY, CameraChannel::Zoom,
                                     CameraChannel::Roll};
constexpr double kSameKey_s = 0.01;  // adding a key this close to another selects that one instead
}  // namespace

void CameraPathEditor::connectEditors() {
  connect(m_canvas, &CameraPathCanvas::keySelected, this, &CameraPathEditor::selectKey);
  connect(m_canvas, &CameraPathCanvas::removeRequested, this, &CameraPathEditor::removeSelectedKeyframe);
  connect(m_canvas, &CameraPathCanvas::pathEdited, this,
          [this](const model::CameraPath& path, const QString& gesture) { commit(path, gesture); });
  connect(m_ruler, &CameraTimeRuler::keySelected, this, &CameraPathEditor::selectKey);
  connect(m_ruler, &CameraTimeRuler::keyTimeDragged, this, [this](int key, double t_s, const QString& gesture) {
    const model::Shot* shot = m_document->project().findShot(m_shotId);
    if (shot == nullptr || key < 0 || key >= int(shot->camera.keyframes().size())) return;
    model::CameraPath path = shot->camera;
    path.keyframes()[size_t(key)].time_s = t_s;
    commit(path, gesture);
  });
  connect(m_ruler, &CameraTimeRuler::playheadMoved, this, [this](double t_s) {
    stop();
    setPlayhead(t_s, true);
  });
  connect(m_addKey, &QToolButton::clicked, this, [this] { addKeyframe(m_playhead_s); });
  connect(m_removeKey, &QToolButton::clicked, this, &CameraPathEditor::removeSelectedKeyframe);
  connect(m_play, &QToolButton::clicked, this, [this](bool on) { on ? play() : stop(); });
  connect(m_easing, &QComboBox::activated, this, [this](int index) {
    const auto easing = static_cast<model::Easing>(m_easing->itemData(index).toInt());
    editSelected([easing](model::CameraKeyframe& k) { k.easing = easing; }, QString());
  });
  connect(m_time, &QDoubleSpinBox::valueChanged, this, [this](double t_s) {
    editSelected([t_s](model::CameraKeyframe& k) { k.time_s = t_s; }, QStringLiteral("time"));
  });
  for (int i = 0; i < 4; ++i) {
    const CameraChannel c = kEdited[i];
    connect(m_values[i], &QDoubleSpinBox::valueChanged, this, [this, c](double v) {
      editSelected([c, v](model::CameraKeyframe& k) { k.set(c, v); }, model::CameraPath::channelName(c));
    });
  }
}

bool CameraPathEditor::commit(const model::CameraPath& path, const QString& gesture) {
  QString error;
  const bool ok = m_document->setShotCamera(m_shotId, path, gesture, &error);
  m_error->setText(ok ? QString() : tr("Not applied: %1").arg(error));
  m_error->setVisible(!ok);
  if (!ok) refresh();  // the canvas and editors show the model again
  return ok;
}

void CameraPathEditor::editSelected(const std::function<void(model::CameraKeyframe&)>& change, const QString& field) {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  const int key = selectedKey();
  if (shot == nullptr || key < 0 || key >= int(shot->camera.keyframes().size())) return;
  model::CameraPath path = shot->camera;
  change(path.keyframes()[size_t(key)]);
  commit(path, field.isEmpty() ? QString() : QStringLiteral("key%1.%2").arg(key).arg(field));
}

bool CameraPathEditor::addKeyframe(double t_s) {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  if (shot == nullptr) return false;
  model::CameraPath path = shot->camera;
  auto& keys = path.keyframes();
  t_s = std::clamp(t_s, 0.0, shot->duration_s);
  int select = 0;
  if (keys.empty()) {  // a still camera from start to end, ready to be dragged
    model::CameraKeyframe first;
    model::CameraKeyframe last;
    last.time_s = shot->duration_s;
    keys = {first, last};
    select = t_s > shot->duration_s / 2.0 ? 1 : 0;
  } else {
    for (int k = 0; k < int(keys.size()); ++k) {
      if (std::abs(keys[size_t(k)].time_s - t_s) < kSameKey_s) {
        selectKey(k);
        return true;
      }
    }
    model::CameraKeyframe key;
    key.time_s = t_s;
    key.value = shot->camera.evaluateAll(t_s);
    const auto at = std::find_if(keys.begin(), keys.end(), [t_s](const auto& k) { return k.time_s > t_s; });
    if (at != keys.begin()) key.easing = std::prev(at)->easing;  // the segment it splits keeps its easing
    select = int(at - keys.begin());
    keys.insert(at, key);
  }
  if (!commit(path, QString())) return false;
  selectKey(select);
  return true;
}

bool CameraPathEditor::removeSelectedKeyframe() {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  const int key = selectedKey();
  if (shot == nullptr || key < 0 || key >= int(shot->camera.keyframes().size())) return false;
  model::CameraPath path = shot->camera;
  path.keyframes().erase(path.keyframes().begin() + key);
  if (!commit(path, QString())) return false;
  selectKey(std::min(key, int(path.keyframes().size()) - 1));
  return true;
}

void CameraPathEditor::setPlayhead(double t_s, bool showCamera) {
  m_playhead_s = std::clamp(t_s, 0.0, duration());
  m_ruler->setPlayhead(m_playhead_s);
  m_plot->setPlayhead(m_playhead_s);
  m_canvas->setPreviewTime(showCamera ? std::optional<double>(m_playhead_s) : std::nullopt);
  m_clock->setText(tr("%1 / %2 s").arg(m_playhead_s, 0, 'f', 2).arg(duration(), 0, 'f', 2));
}

void CameraPathEditor::play() {
  if (m_shotId.isEmpty() || isPlaying()) return;
  m_playFrom_s = m_playhead_s >= duration() - 1e-6 ? 0.0 : m_playhead_s;
  m_playClock.start();
  m_timer->start();
  m_play->setChecked(true);
  m_play->setText(tr("Stop"));
  setPlayhead(m_playFrom_s, true);
}

void CameraPathEditor::stop() {
  m_timer->stop();
  m_play->setChecked(false);
  m_play->setText(tr("Play Motion"));
}

bool CameraPathEditor::isPlaying() const {
  return m_timer->isActive();
}

void CameraPathEditor::tick() {
  const double length = duration();
  if (length <= 0.0) return stop();
  const double t = std::fmod(m_playFrom_s + m_playClock.elapsed() / 1000.0, length);  // loops
  setPlayhead(t, true);
}

}  // namespace shotcraft::ui
