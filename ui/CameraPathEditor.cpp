#include "ui/CameraPathEditor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/CameraCurvePlot.h"
#include "ui/CameraPathCanvas.h"
#include "ui/CameraTimeRuler.h"
#include "ui/PanelPages.h"
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

using model::CameraChannel;

namespace {
constexpr model::Easing kEasings[] = {model::Easing::Linear, model::Easing::EaseIn, model::Easing::EaseOut,
                                      model::Easing::EaseInOut, model::Easing::Hold};
constexpr CameraChannel kEdited[] = {CameraChannel::PanX, CameraChannel::PanY, CameraChannel::Zoom,
                                     CameraChannel::Roll};
}  // namespace

CameraPathEditor::CameraPathEditor(ProjectDocument* document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_pages(new QStackedWidget(this)),
      m_emptyHint(new QLabel(this)),
      m_timer(new QTimer(this)) {
  setObjectName(QStringLiteral("CameraPathEditor"));
  panel::installPages(this, m_pages, m_emptyHint, buildPage());
  m_timer->setInterval(kPlayInterval_ms);
  connect(m_timer, &QTimer::timeout, this, &CameraPathEditor::tick);
  connectEditors();

  connect(m_document, &ProjectDocument::shotChanged, this, [this](const QString& id) {
    if (id == m_shotId) refresh();
  });
  connect(m_document, &ProjectDocument::structureChanged, this, &CameraPathEditor::refresh);
  connect(m_document, &ProjectDocument::projectReset, this, [this] { setShot(QString()); });
  retranslate();
  refresh();
}

QWidget* CameraPathEditor::buildPage() {
  auto* page = new QWidget(this);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(8, 6, 8, 8);
  layout->setSpacing(6);
  m_heading = panel::addHeading(page, layout);
  m_canvas = new CameraPathCanvas(page);
  layout->addWidget(m_canvas, 3);
  m_ruler = new CameraTimeRuler(page);
  layout->addWidget(m_ruler);

  auto* tools = new QHBoxLayout;
  tools->setContentsMargins(0, 0, 0, 0);
  m_addKey = new QToolButton(page);
  m_addKey->setObjectName(QStringLiteral("cameraAddKey"));
  m_removeKey = new QToolButton(page);
  m_removeKey->setObjectName(QStringLiteral("cameraRemoveKey"));
  m_play = new QToolButton(page);
  m_play->setObjectName(QStringLiteral("cameraPlay"));
  m_play->setCheckable(true);
  m_easingLabel = new QLabel(page);
  m_easing = new QComboBox(page);
  m_easing->setObjectName(QStringLiteral("cameraEasing"));
  for (model::Easing e : kEasings) m_easing->addItem(QString(), int(e));
  m_easingLabel->setBuddy(m_easing);
  m_clock = new QLabel(page);
  m_clock->setObjectName(QStringLiteral("cameraClock"));
  tools->addWidget(m_addKey);
  tools->addWidget(m_removeKey);
  tools->addSpacing(8);
  tools->addWidget(m_easingLabel);
  tools->addWidget(m_easing);
  tools->addStretch(1);
  tools->addWidget(m_clock);
  tools->addWidget(m_play);
  layout->addLayout(tools);
  layout->addWidget(buildKeyRow(page));

  m_error = new QLabel(page);
  m_error->setObjectName(QStringLiteral("cameraError"));
  m_error->setWordWrap(true);
  m_error->setForegroundRole(QPalette::BrightText);
  m_error->hide();
  layout->addWidget(m_error);
  m_plot = new CameraCurvePlot(page);
  layout->addWidget(m_plot, 2);
  return page;
}

QWidget* CameraPathEditor::buildKeyRow(QWidget* parent) {
  auto* row = new QWidget(parent);
  auto* grid = new QGridLayout(row);
  grid->setContentsMargins(0, 0, 0, 0);
  m_keyLabel = new QLabel(row);
  grid->addWidget(m_keyLabel, 0, 0, 1, 6);
  auto spin = [row](const char* name, double lo, double hi, double step, int decimals) {
    auto* s = new QDoubleSpinBox(row);
    s->setObjectName(QLatin1String(name));
    s->setRange(lo, hi);
    s->setSingleStep(step);
    s->setDecimals(decimals);
    s->setKeyboardTracking(false);
    return s;
  };
  m_timeLabel = new QLabel(row);
  m_time = spin("cameraKeyTime", 0.0, 600.0, 0.1, 2);
  m_values[0] = spin("cameraKeyPanX", -10.0, 10.0, 0.01, 3);
  m_values[1] = spin("cameraKeyPanY", -10.0, 10.0, 0.01, 3);
  m_values[2] = spin("cameraKeyZoom", 0.01, 100.0, 0.05, 2);
  m_values[3] = spin("cameraKeyRoll", -3600.0, 3600.0, 1.0, 1);
  grid->addWidget(m_timeLabel, 1, 0);
  grid->addWidget(m_time, 1, 1);
  for (int i = 0; i < 4; ++i) {
    m_valueLabels[i] = new QLabel(row);
    m_valueLabels[i]->setBuddy(m_values[i]);
    const int r = 1 + (i + 1) / 3, c = ((i + 1) % 3) * 2;
    grid->addWidget(m_valueLabels[i], r, c);
    grid->addWidget(m_values[i], r, c + 1);
  }
  m_timeLabel->setBuddy(m_time);
  return row;
}

QDoubleSpinBox* CameraPathEditor::valueSpin(CameraChannel channel) const {
  for (int i = 0; i < 4; ++i) {
    if (kEdited[i] == channel) return m_values[i];
  }
  return nullptr;
}

void CameraPathEditor::setShot(const QString& shotId) {
  if (shotId == m_shotId) return;
  stop();
  m_shotId = shotId;
  m_error->hide();
  m_canvas->setSelectedKey(-1);
  setPlayhead(0.0, false);
  refresh();
  refreshBackground();
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  if (shot != nullptr && !shot->camera.isEmpty()) selectKey(0);
}

void CameraPathEditor::setBackgroundProvider(BackgroundProvider provider) {
  m_background = std::move(provider);
  refreshBackground();
}

void CameraPathEditor::refreshBackground() {
  m_canvas->setBackground(m_background && !m_shotId.isEmpty() ? m_background(m_shotId) : QImage());
}

QString CameraPathEditor::lastError() const {
  return m_error->isHidden() ? QString() : m_error->text();
}

int CameraPathEditor::selectedKey() const {
  return m_canvas->selectedKey();
}

void CameraPathEditor::selectKey(int key) {
  m_canvas->setSelectedKey(key);
  showSelection();
}

double CameraPathEditor::duration() const {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  return shot != nullptr ? shot->duration_s : 1.0;
}

void CameraPathEditor::refresh() {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  if (shot == nullptr) {
    stop();
    m_shotId.clear();
    m_pages->setCurrentIndex(panel::kHintPage);
    return;
  }
  m_pages->setCurrentIndex(panel::kContentPage);
  m_heading->setText(tr("Camera of %1").arg(shot->title.isEmpty() ? shot->id : shot->title));
  m_canvas->setFrameAspect(double(shot->width) / double(std::max(1, shot->height)));
  m_canvas->setPath(shot->camera);
  m_ruler->setDuration(shot->duration_s);
  std::vector<double> times;
  for (const model::CameraKeyframe& k : shot->camera.keyframes()) times.push_back(k.time_s);
  m_ruler->setKeyTimes(times);
  m_plot->setPath(shot->camera, shot->duration_s);
  showSelection();
}

void CameraPathEditor::showSelection() {
  const model::Shot* shot = m_document->project().findShot(m_shotId);
  const int key = selectedKey();
  const bool has = shot != nullptr && key >= 0 && key < int(shot->camera.keyframes().size());
  m_ruler->setSelectedKey(key);
  m_removeKey->setEnabled(has);
  m_easing->setEnabled(has && key + 1 < int(shot->camera.keyframes().size()));
  m_time->setEnabled(has);
  for (QDoubleSpinBox* s : m_values) s->setEnabled(has);
  m_keyLabel->setText(has ? tr("Keyframe %1 of %2").arg(key + 1).arg(shot->camera.keyframes().size())
                          : tr("No keyframe selected"));
  if (!has) return;
  const model::CameraKeyframe& k = shot->camera.keyframes()[size_t(key)];
  {
    const QSignalBlocker block(m_easing);
    m_easing->setCurrentIndex(m_easing->findData(int(k.easing)));
  }
  {
    const QSignalBlocker block(m_time);
    m_time->setValue(k.time_s);
  }
  for (int i = 0; i < 4; ++i) {
    const QSignalBlocker block(m_values[i]);
    m_values[i]->setValue(k.get(kEdited[i]));
  }
}

void CameraPathEditor::retranslate() {
  m_emptyHint->setText(tr("Select a shot on the storyboard to draw its camera move here."));
  m_canvas->setToolTip(tr("Drag a point to move the camera's path or a handle to bend it. Wheel: zoom the selected "
                          "keyframe; Shift+wheel: roll it; Delete: remove it."));
  m_addKey->setText(tr("Add Keyframe"));
  m_addKey->setToolTip(tr("Add a keyframe at the playhead"));
  m_removeKey->setText(tr("Remove Keyframe"));
  m_play->setToolTip(tr("Move the camera frame along the path in real time (no rendering)"));
  m_play->setText(isPlaying() ? tr("Stop") : tr("Play Motion"));
  m_easingLabel->setText(tr("&Easing:"));
  m_easing->setToolTip(tr("How the camera speeds up and slows down from this keyframe to the next"));
  m_easing->setItemText(0, tr("Linear"));
  m_easing->setItemText(1, tr("Ease in"));
  m_easing->setItemText(2, tr("Ease out"));
  m_easing->setItemText(3, tr("Ease in and out"));
  m_easing->setItemText(4, tr("Hold"));
  m_timeLabel->setText(tr("&Time:"));
  m_time->setSuffix(tr(" s"));
  m_valueLabels[0]->setText(tr("Pan &X:"));
  m_valueLabels[1]->setText(tr("Pan &Y:"));
  m_valueLabels[2]->setText(tr("&Zoom:"));
  m_valueLabels[3]->setText(tr("&Roll:"));
  m_values[3]->setSuffix(tr("°"));
  m_values[0]->setToolTip(tr("Fraction of the frame width; positive moves the camera right"));
  m_values[1]->setToolTip(tr("Fraction of the frame height; positive moves the camera down"));
  m_values[2]->setToolTip(tr("1 = no zoom, 2 = twice as close"));
  m_values[3]->setToolTip(tr("Degrees, positive turns clockwise"));
  setPlayhead(m_playhead_s, m_canvas->previewTime().has_value());
  refresh();
}

void CameraPathEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
