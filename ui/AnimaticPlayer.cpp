#include "ui/AnimaticPlayer.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QShortcut>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/media/ProjectFrames.h"
#include "core/media/Soundtrack.h"
#include "core/media/Timeline.h"
#include "core/model/ProjectIo.h"
#include "ui/ImageConvert.h"
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

namespace {
constexpr qint64 kAudioDrift_ms = 80;  // re-seek the audio when it is further off the picture than this

QString clockText(double seconds) {
  const int cs = int(std::lround(seconds * 100.0));
  return QStringLiteral("%1:%2.%3")
      .arg(cs / 6000, 2, 10, QLatin1Char('0'))
      .arg((cs / 100) % 60, 2, 10, QLatin1Char('0'))
      .arg(cs % 100, 2, 10, QLatin1Char('0'));
}
}  // namespace

AnimaticPlayer::AnimaticPlayer(ProjectDocument* document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_view(new QLabel(this)),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_playButton(new QToolButton(this)),
      m_backButton(new QToolButton(this)),
      m_forwardButton(new QToolButton(this)),
      m_loopButton(new QToolButton(this)),
      m_time(new QLabel(this)),
      m_timer(new QTimer(this)),
      m_refresh(new QTimer(this)) {
  setObjectName(QStringLiteral("AnimaticPlayer"));
  m_view->setAlignment(Qt::AlignCenter);
  m_view->setMinimumSize(160, 90);
  m_view->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
  m_slider->setObjectName(QStringLiteral("animaticSlider"));
  m_slider->setPageStep(12);
  m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  m_backButton->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
  m_forwardButton->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
  m_loopButton->setCheckable(true);
  m_loopButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
  auto* controls = new QHBoxLayout;  // under the full-width slider, so a narrow dock still fits everything
  controls->addWidget(m_backButton);
  controls->addWidget(m_playButton);
  controls->addWidget(m_forwardButton);
  controls->addWidget(m_time, 1);
  controls->addWidget(m_loopButton);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_view, 1);
  layout->addWidget(m_slider);
  layout->addLayout(controls);

  m_refresh->setSingleShot(true);
  m_refresh->setInterval(100);
  connect(m_refresh, &QTimer::timeout, this, [this] { showFrame(m_frame, false); });
  m_timer->setTimerType(Qt::PreciseTimer);
  connect(m_timer, &QTimer::timeout, this, &AnimaticPlayer::tick);
  connect(m_playButton, &QToolButton::clicked, this, &AnimaticPlayer::togglePlay);
  auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this, this, &AnimaticPlayer::togglePlay);
  space->setContext(Qt::WidgetWithChildrenShortcut);
  connect(m_backButton, &QToolButton::clicked, this, &AnimaticPlayer::stepBackward);
  connect(m_forwardButton, &QToolButton::clicked, this, &AnimaticPlayer::stepForward);
  connect(m_loopButton, &QToolButton::toggled, this, &AnimaticPlayer::setLoopShot);
  connect(m_slider, &QSlider::valueChanged, this, [this](int frame) {
    if (!m_settingSlider) setFrame(frame);
  });
  connect(document, &ProjectDocument::changed, this, &AnimaticPlayer::invalidate);
  connect(document, &ProjectDocument::projectReset, this, [this] {
    pause();
    setupAudio();
    invalidate();
  });
  connect(document, &ProjectDocument::filePathChanged, this, &AnimaticPlayer::invalidate);
  retranslate();
  setupAudio();
  invalidate();
}

AnimaticPlayer::~AnimaticPlayer() = default;

int AnimaticPlayer::fps() const { return std::max(1, m_document->project().defaults().fps); }

media::Timeline& AnimaticPlayer::timeline() {
  if (!m_timeline) {
    const QString folder =
        m_document->filePath().isEmpty() ? QString() : model::ProjectIo::projectFolder(m_document->filePath());
    media::TimelineOptions options;
    options.width = 0;  // the project's size and fps
    options.fps = 0;
    m_timeline = std::make_unique<media::Timeline>(media::projectTimeline(m_document->project(), folder, options));
  }
  return *m_timeline;
}

int AnimaticPlayer::frameCount() { return timeline().frameCount(); }
double AnimaticPlayer::duration_s() { return double(frameCount()) / fps(); }
double AnimaticPlayer::secondsOf(int frame) const { return double(frame) / fps(); }

int AnimaticPlayer::frameAt(double seconds) {
  const int last = std::max(0, frameCount() - 1);
  return std::clamp(int(std::floor(seconds * fps() + 1e-6)), 0, last);
}

AnimaticPlayer::FramePosition AnimaticPlayer::positionOf(int frame) {
  media::Timeline& t = timeline();
  FramePosition pos;
  if (frame < 0 || frame >= t.frameCount()) return pos;
  for (int k = 0; k < t.clipCount(); ++k) {
    const int start = t.clipStartFrame(k);
    const int end = k + 1 < t.clipCount() ? t.clipStartFrame(k + 1) : t.frameCount();
    if (frame < start || frame >= end) continue;
    const media::FrameSource& src = *t.clip(k).source;
    pos.clip = k;
    pos.shotId = t.clip(k).shotId;
    pos.shotFrame = frame - start;
    pos.sourceFrame = std::clamp(int(std::floor(double(pos.shotFrame) / fps() * src.fps() + 1e-6)), 0,
                                 std::max(0, src.frameCount() - 1));
    pos.clipStart = start;
    pos.clipEnd = end;
    return pos;
  }
  return pos;
}

void AnimaticPlayer::invalidate() {
  m_timeline.reset();  // rebuilt on the next question; the picture is refreshed once a burst of edits is over
  m_refresh->start();
}

void AnimaticPlayer::setFrame(int frame) {
  showFrame(frame, true);
  if (m_playing) {
    restartClock();
    syncAudio(true);
  }
}

void AnimaticPlayer::setPlayheadSeconds(double seconds) {
  const int frame = frameAt(seconds);
  if (frame == m_frame && !m_image.isNull()) return;
  showFrame(frame, false);
  if (m_playing) {
    restartClock();
    syncAudio(true);
  }
}

void AnimaticPlayer::showFrame(int frame, bool emitPlayhead) {
  const int count = frameCount();
  m_frame = std::clamp(frame, 0, std::max(0, count - 1));
  Image out;
  std::string error;
  m_image = count > 0 && timeline().frame(m_frame, out, &error) ? toQImage(out) : QImage();
  m_settingSlider = true;
  m_slider->setRange(0, std::max(0, count - 1));
  m_slider->setValue(m_frame);
  m_settingSlider = false;
  updateView();
  updateLabels();
  emit frameChanged(m_frame);
  if (emitPlayhead) emit playheadChanged(secondsOf(m_frame));
}

AnimaticPlayer::FramePosition AnimaticPlayer::loopTarget() {
  if (!m_selectedShot.isEmpty()) {
    media::Timeline& t = timeline();
    for (int k = 0; k < t.clipCount(); ++k)
      if (t.clip(k).shotId == m_selectedShot) return positionOf(t.clipStartFrame(k));
  }
  return positionOf(m_frame);
}

void AnimaticPlayer::play() {
  if (m_playing || frameCount() == 0) return;
  if (m_loopShot) {
    m_loopRange = loopTarget();
    if (m_frame < m_loopRange.clipStart || m_frame >= m_loopRange.clipEnd) showFrame(m_loopRange.clipStart, true);
  } else if (m_frame >= frameCount() - 1) {
    showFrame(0, true);  // play from the top after the end
  }
  m_playing = true;
  restartClock();
  syncAudio(true);
  m_timer->start(std::max(5, 500 / fps()));
  m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
  emit playingChanged(true);
}

void AnimaticPlayer::pause() {
  if (!m_playing) return;
  m_playing = false;
  m_timer->stop();
  if (m_player != nullptr) m_player->pause();
  m_playButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  emit playingChanged(false);
}

void AnimaticPlayer::togglePlay() { m_playing ? pause() : play(); }
void AnimaticPlayer::stepForward() { setFrame(m_frame + 1); }
void AnimaticPlayer::stepBackward() { setFrame(m_frame - 1); }

void AnimaticPlayer::setLoopShot(bool loop) {
  m_loopShot = loop;
  if (m_loopButton->isChecked() != loop) m_loopButton->setChecked(loop);
  if (loop && m_playing) m_loopRange = loopTarget();
}

void AnimaticPlayer::setSelectedShot(const QString& shotId) {
  m_selectedShot = shotId;
  if (m_loopShot && m_playing) m_loopRange = loopTarget();
}

void AnimaticPlayer::restartClock() {
  m_playStartFrame = m_frame;
  m_clockOffset_ms = 0;
  m_clock.start();
}

void AnimaticPlayer::tick() {
  if (!m_playing) return;
  const qint64 elapsed_ms = m_clock.elapsed() + m_clockOffset_ms;
  int next = m_playStartFrame + int(elapsed_ms * fps() / 1000);
  if (m_loopShot && m_loopRange.clip >= 0 && next >= m_loopRange.clipEnd) {
    showFrame(m_loopRange.clipStart + (next - m_loopRange.clipEnd) % std::max(1, m_loopRange.clipEnd -
                                                                                       m_loopRange.clipStart),
              true);
    restartClock();
    syncAudio(true);
    return;
  }
  if (next >= frameCount()) {
    showFrame(frameCount() - 1, true);
    pause();
    return;
  }
  if (next != m_frame) showFrame(next, true);
  syncAudio(false);
}

void AnimaticPlayer::setupAudio() {
  delete m_player;  // owned by this widget; replaced with the project's track
  m_player = nullptr;
  m_audioOut = nullptr;
  const QString folder =
      m_document->filePath().isEmpty() ? QString() : model::ProjectIo::projectFolder(m_document->filePath());
  const std::optional<media::SoundtrackSpec> track = media::projectSoundtrack(m_document->project(), folder);
  if (!track || QMediaDevices::audioOutputs().isEmpty()) return;  // silent animatic: still plays
  m_player = new QMediaPlayer(this);
  m_audioOut = new QAudioOutput(m_player);
  m_audioOut->setVolume(float(std::pow(10.0, track->gain_db / 20.0)));
  m_player->setAudioOutput(m_audioOut);
  m_player->setSource(QUrl::fromLocalFile(track->path));
  m_audioOffset_s = track->offset_s;
}

void AnimaticPlayer::syncAudio(bool seek) {
  if (m_player == nullptr || m_player->error() != QMediaPlayer::NoError) return;
  const qint64 want_ms = qint64(std::llround((secondsOf(m_frame) + m_audioOffset_s) * 1000.0));
  if (want_ms < 0) {
    m_player->pause();  // the music starts later on the timeline
    return;
  }
  if (seek || std::llabs(m_player->position() - want_ms) > kAudioDrift_ms) m_player->setPosition(want_ms);
  if (m_player->playbackState() != QMediaPlayer::PlayingState) m_player->play();
}

void AnimaticPlayer::updateView() {
  if (m_image.isNull()) {
    m_view->setPixmap(QPixmap());
    m_view->setText(tr("The storyboard has no shots."));
    return;
  }
  m_view->setPixmap(QPixmap::fromImage(m_image.scaled(m_view->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void AnimaticPlayer::updateLabels() {
  const FramePosition pos = positionOf(m_frame);
  m_time->setText(tr("%1 / %2 · frame %3 · %4")
                      .arg(clockText(secondsOf(m_frame)), clockText(duration_s()))
                      .arg(m_frame + 1)
                      .arg(pos.shotId));
}

void AnimaticPlayer::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  updateView();
}

void AnimaticPlayer::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void AnimaticPlayer::retranslate() {
  m_playButton->setToolTip(tr("Play or pause the animatic (Space)"));
  m_backButton->setToolTip(tr("Previous frame"));
  m_forwardButton->setToolTip(tr("Next frame"));
  m_loopButton->setText(tr("Loop Shot"));
  m_loopButton->setToolTip(tr("Repeat the selected shot while playing"));
  m_slider->setToolTip(tr("Scrub through the animatic frame by frame"));
  updateLabels();
}

}  // namespace shotcraft::ui
