#pragma once
// Helpers for the media tests: ffprobe as JSON, synthetic frame sources and audio, small projects.
#include <QJsonObject>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

#include "core/media/AudioBuffer.h"
#include "core/media/FrameSource.h"
#include "core/media/Timeline.h"
#include "core/model/Project.h"

namespace shotcraft::test {

bool haveTool(const char* name);  // on PATH

// `ffprobe -count_frames -show_streams -show_format -of json FILE`; an empty object when ffprobe fails.
QJsonObject probe(const QString& path);
// The first stream of codec_type ("video" / "audio") in a probe result; empty when absent.
QJsonObject stream(const QJsonObject& probed, const QString& codecType);
double rationalValue(const QString& text);  // "12/1" -> 12

// Solid frames whose colour changes every frame (red ramps with the index) plus a moving white square.
class SyntheticSource : public media::FrameSource {
 public:
  SyntheticSource(int frames, double fps, int width, int height, int blue = 0)
      : m_frames(frames), m_fps(fps), m_width(width), m_height(height), m_blue(blue) {}
  int frameCount() const override { return m_frames; }
  double fps() const override { return m_fps; }
  int width() const override { return m_width; }
  int height() const override { return m_height; }
  bool frame(int index, Image& out, std::string* error) override;
  static int redFor(int index) { return (index * 37) % 200 + 20; }

 private:
  int m_frames;
  double m_fps;
  int m_width;
  int m_height;
  int m_blue;
};

// Clips of the given durations, each a SyntheticSource at sourceFps with blue = 60 * clip index.
media::Timeline syntheticTimeline(const std::vector<double>& durations_s, media::TimelineOptions options,
                                  double sourceFps = 24.0);

// Writes a 16-bit PCM WAV (mono or stereo interleaved, samples in [-1, 1]) with our own code.
bool writeWav(const QString& path, const std::vector<float>& samples, int sampleRate, int channels);
// Clicks (1 ms decaying 2 kHz bursts) at `bpm` for duration_s, mono, at sampleRate; first click at start_s.
std::vector<float> clickTrack(double bpm, double duration_s, int sampleRate, double start_s = 0.0);
// A stereo 48 kHz sine (both channels) of the given amplitude.
media::AudioBuffer sine(double frequency_hz, double amplitude, double duration_s);

// A project with one shot per duration in act 1 (ids s01, s02, ...), 160x96 at 12 fps.
model::Project smallProject(const std::vector<double>& durations_s);
// Gives shot `shotId` of `project` a selected take "t01" whose folder projectDir/takes/<folder> holds `frames`
// black 160x96 PNGs img_0001.png... False (with a test failure) when a file cannot be written.
bool addSelectedTake(model::Project& project, const QString& projectDir, const QString& shotId,
                     const QString& folder, int frames);

}  // namespace shotcraft::test
