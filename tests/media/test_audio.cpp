// Audio import (decode + resample), placement on the timeline, loudness normalisation, AAC in the export.
#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>

#include "core/media/AudioDecoder.h"
#include "core/media/Exporter.h"
#include "core/media/Loudness.h"
#include "core/media/Soundtrack.h"
#include "tests/media/MediaTestUtil.h"

using namespace shotcraft;
using namespace shotcraft::test;

namespace {

// Positive-going zero crossings per second of the left channel: the frequency of a clean sine.
double frequencyOf(const media::AudioBuffer& a) {
  int crossings = 0;
  for (int64_t i = 1; i < a.frameCount(); ++i) {
    if (a.samples[size_t(2 * (i - 1))] < 0.0f && a.samples[size_t(2 * i)] >= 0.0f) ++crossings;
  }
  return crossings / a.duration_s();
}

}  // namespace

TEST(AudioDecoder, ResamplesMono44kWavToStereo48k) {
  QTemporaryDir dir;
  std::vector<float> mono(44100 * 2);
  for (size_t i = 0; i < mono.size(); ++i) mono[i] = float(0.5 * std::sin(2 * M_PI * 1000.0 * double(i) / 44100.0));
  const QString wav = dir.filePath(QStringLiteral("tone.wav"));
  ASSERT_TRUE(writeWav(wav, mono, 44100, 1));
  media::AudioBuffer audio;
  std::string error;
  ASSERT_TRUE(media::decodeAudio(wav, &audio, &error)) << error;
  EXPECT_NEAR(audio.duration_s(), 2.0, 0.002);
  EXPECT_NEAR(frequencyOf(audio), 1000.0, 2.0);
  EXPECT_NEAR(audio.peak(), 0.5, 0.02);
  for (int64_t i = 1000; i < 1100; ++i) EXPECT_FLOAT_EQ(audio.samples[size_t(2 * i)], audio.samples[size_t(2 * i + 1)]);
}

TEST(AudioDecoder, ClearErrors) {
  media::AudioBuffer audio;
  std::string error;
  EXPECT_FALSE(media::decodeAudio(QStringLiteral("/no/such/music.mp3"), &audio, &error));
  EXPECT_NE(error.find("cannot open audio '/no/such/music.mp3'"), std::string::npos) << error;
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("still.png"));
  ASSERT_TRUE(saveImage(png.toStdString(), Image(64, 64, 3), nullptr));
  EXPECT_FALSE(media::decodeAudio(png, &audio, &error));
  EXPECT_NE(error.find("no audio stream"), std::string::npos) << error;
}

TEST(AudioPlacement, OffsetAndGainAreSampleExact) {
  media::AudioBuffer track;
  for (int i = 0; i < 48000; ++i) {
    track.samples.push_back(float(i) / 48000.0f);
    track.samples.push_back(-float(i) / 48000.0f);
  }
  // Offset +0.5 s: timeline 0 plays track 0.5 s; the track runs out after 0.5 s of timeline: silence.
  media::AudioBuffer placed = media::placeOnTimeline(track, 0.5, -6.0206, 1.0);
  ASSERT_EQ(placed.frameCount(), 48000);
  EXPECT_NEAR(placed.samples[0], 0.5f * 0.5f, 1e-4);
  EXPECT_NEAR(placed.samples[1], -0.5f * 0.5f, 1e-4);
  EXPECT_EQ(placed.samples[2 * 30000], 0.0f);
  // Offset -0.25 s: the track starts a quarter second into the timeline.
  placed = media::placeOnTimeline(track, -0.25, 0.0, 1.0);
  EXPECT_EQ(placed.samples[2 * 11999], 0.0f);
  EXPECT_FLOAT_EQ(placed.samples[2 * 12000 + 2 * 100], 100.0f / 48000.0f);
}

TEST(Loudness, MeasuresASineAndNormalisesToMinus14Lufs) {
  // BS.1770 calibrates a 1 kHz sine at 0 dBFS in one channel to -3.01 LUFS; in both channels it reads 0 LUFS,
  // so amplitude 0.1 (-20 dBFS) reads -20 LUFS.
  media::AudioBuffer tone = sine(997.0, 0.1, 5.0);
  std::string error;
  const auto measured = media::integratedLoudness(tone, &error);
  ASSERT_TRUE(measured.has_value()) << error;
  EXPECT_NEAR(*measured, -20.0, 0.5);
  double before = 0.0;
  ASSERT_TRUE(media::normalizeLoudness(tone, -14.0, &error, &before)) << error;
  EXPECT_DOUBLE_EQ(before, *measured);
  EXPECT_NEAR(*media::integratedLoudness(tone, &error), -14.0, 0.3);
  EXPECT_LT(tone.peak(), 1.0f);
  // Silence is left alone (no division by nothing).
  media::AudioBuffer quiet = sine(997.0, 0.0, 2.0);
  ASSERT_TRUE(media::normalizeLoudness(quiet, -14.0, &error));
  EXPECT_EQ(quiet.peak(), 0.0f);
}

TEST(Soundtrack, NormalisedMusicIsMuxedAsAacAtMinus14Lufs) {
  if (!haveTool("ffprobe")) GTEST_SKIP() << "ffprobe not installed";
  QTemporaryDir dir;
  std::vector<float> stereo;
  for (int i = 0; i < 44100 * 3; ++i) {
    const float v = float(0.05 * std::sin(2 * M_PI * 440.0 * i / 44100.0));
    stereo.push_back(v);
    stereo.push_back(v);
  }
  const QString wav = dir.filePath(QStringLiteral("music.wav"));
  ASSERT_TRUE(writeWav(wav, stereo, 44100, 2));
  media::Timeline timeline = syntheticTimeline({1.0, 1.0}, media::TimelineOptions{160, 96, 12, 0, false});
  media::SoundtrackSpec spec{wav, 0.5, 0.0, true, -14.0};
  media::AudioBuffer audio;
  std::string error;
  double measured = 0.0;
  ASSERT_TRUE(media::buildSoundtrack(spec, timeline.duration_s(), &audio, &error, &measured)) << error;
  EXPECT_EQ(audio.frameCount(), 2 * 48000);
  EXPECT_LT(measured, -25.0);
  const QString out = dir.filePath(QStringLiteral("with_music.mp4"));
  media::ExportOptions eo;
  eo.preset = "ultrafast";
  ASSERT_TRUE(media::Exporter::run(timeline, out, eo, audio, {}, engine::CancelToken(), &error)) << error;
  const QJsonObject a = stream(probe(out), QStringLiteral("audio"));
  ASSERT_FALSE(a.isEmpty());
  EXPECT_EQ(a.value(QStringLiteral("codec_name")).toString(), QStringLiteral("aac"));
  EXPECT_NEAR(a.value(QStringLiteral("duration")).toString().toDouble(), 2.0, 1.0 / 12);
  // Decode the AAC back: still about -14 LUFS.
  media::AudioBuffer decoded;
  ASSERT_TRUE(media::decodeAudio(out, &decoded, &error)) << error;
  EXPECT_NEAR(*media::integratedLoudness(decoded, &error), -14.0, 1.0);
}
