#pragma once
// The animatic player dock (issue 8): the whole storyboard in play order at the project fps — each shot's
// selected take, or a placeholder card for a shot not rendered yet — built by media::projectTimeline (the same
// frames the exporter writes), with the project's audio track through Qt Multimedia when there is one and an
// audio device to play it (never required). Play/pause, a frame-accurate slider (frame f shows time f / fps,
// and time t shows frame floor(t * fps)), one-frame steps, looping the selected shot, and a playhead that
// follows and drives the timeline's (setPlayheadSeconds / playheadChanged).
#include <QElapsedTimer>
#include <QImage>
#include <QString>
#include <QWidget>
#include <memory>

class QAudioOutput;
class QLabel;
class QMediaPlayer;
class QSlider;
class QTimer;
class QToolButton;

namespace shotcraft::media {
class Timeline;
}

namespace shotcraft::ui {

class ProjectDocument;

class AnimaticPlayer : public QWidget {
  Q_OBJECT
 public:
  struct FramePosition {
    int clip = -1;       // 0-based place of the shot in play order; -1 when out of range
    QString shotId;
    int shotFrame = 0;   // output frame within the shot (0 at its first frame)
    int sourceFrame = 0; // frame of the shot's take (or card) on screen
    int clipStart = 0;   // first and one-past-last animatic frame of the shot
    int clipEnd = 0;
  };

  explicit AnimaticPlayer(ProjectDocument* document, QWidget* parent = nullptr);
  ~AnimaticPlayer() override;

  int fps() const;
  int frameCount();
  double duration_s();
  int frameAt(double seconds);              // clamped to 0..frameCount()-1
  double secondsOf(int frame) const;        // frame / fps
  FramePosition positionOf(int frame);      // which shot and which of its frames

  int currentFrame() const { return m_frame; }
  const QImage& currentImage() const { return m_image; }  // the frame on screen at the animatic's size
  bool isPlaying() const { return m_playing; }
  bool loopShot() const { return m_loopShot; }
  bool hasAudio() const { return m_player != nullptr; }
  QSlider* slider() const { return m_slider; }

 public slots:
  void setFrame(int frame);  // shows it; emits frameChanged and playheadChanged
  void setPlayheadSeconds(double seconds);  // from the timeline: shows the frame there, emits no playheadChanged
  void play();
  void pause();
  void togglePlay();
  void stepForward();
  void stepBackward();
  void setLoopShot(bool loop);
  void setSelectedShot(const QString& shotId);  // the shot Loop Shot repeats ("" = the one under the playhead)
  // Advances playback to what the clock says now (the timer calls it; tests call it after moving the clock).
  void tick();
  void advanceClock_ms(qint64 ms) { m_clockOffset_ms += ms; }  // tests: pretend time passed

 signals:
  void frameChanged(int frame);
  void playheadChanged(double seconds);
  void playingChanged(bool playing);

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  media::Timeline& timeline();
  void invalidate();
  void showFrame(int frame, bool emitPlayhead);
  void restartClock();
  FramePosition loopTarget();
  void syncAudio(bool seek);
  void setupAudio();
  void updateView();
  void updateLabels();
  void retranslate();

  ProjectDocument* m_document;
  std::unique_ptr<media::Timeline> m_timeline;  // rebuilt lazily after the project changed
  QLabel* m_view;
  QSlider* m_slider;
  QToolButton* m_playButton;
  QToolButton* m_backButton;
  QToolButton* m_forwardButton;
  QToolButton* m_loopButton;
  QLabel* m_time;
  QTimer* m_timer;
  QTimer* m_refresh;
  QMediaPlayer* m_player = nullptr;
  QAudioOutput* m_audioOut = nullptr;
  double m_audioOffset_s = 0.0;
  QImage m_image;
  QElapsedTimer m_clock;
  qint64 m_clockOffset_ms = 0;
  int m_playStartFrame = 0;
  int m_frame = 0;
  bool m_playing = false;
  bool m_loopShot = false;
  QString m_selectedShot;
  FramePosition m_loopRange;  // the shot being looped while playing
  bool m_settingSlider = false;
};

}  // namespace shotcraft::ui
