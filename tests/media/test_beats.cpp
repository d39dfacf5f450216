// Tempo and beats with aubio on a synthesised click track; snapping cuts to beats.
#include <QTemporaryDir>
#include <cmath>
#include <gtest/gtest.h>
#include <random>

#include "core/media/AudioDecoder.h"
#include "core/media/BeatDetector.h"
#include "core/media/BeatSnap.h"
#include "tests/media/MediaTestUtil.h"

using namespace shotcraft;
using namespace shotcraft::test;

TEST(Beats, ClickTrackAt120BpmIsFoundWithinOneBpm) {
  QTemporaryDir dir;
  const QString wav = dir.filePath(QStringLiteral("clicks.wav"));
  ASSERT_TRUE(writeWav(wav, clickTrack(120.0, 10.0, 44100), 44100, 1));
  media::AudioBuffer audio;
  std::string error;
  ASSERT_TRUE(media::decodeAudio(wav, &audio, &error)) << error;
  media::BeatAnalysis beats;
  ASSERT_TRUE(media::detectBeats(audio, &beats, &error)) << error;
  EXPECT_NEAR(beats.bpm, 120.0, 1.0);
  ASSERT_GE(beats.beats_s.size(), 12u);
  // Beats land on the clicks (every 0.5 s from 0), within a couple of analysis hops.
  int onClick = 0;
  for (double b : beats.beats_s) onClick += std::abs(b - 0.5 * std::round(b / 0.5)) < 0.05;
  EXPECT_GE(onClick, int(beats.beats_s.size()) - 2);
  // Every click is an onset.
  EXPECT_GE(beats.onsets_s.size(), 15u);
}

TEST(Beats, SilenceHasNoTempo) {
  media::BeatAnalysis beats;
  std::string error;
  ASSERT_TRUE(media::detectBeats(sine(440, 0.0, 3.0), &beats, &error));
  EXPECT_EQ(beats.bpm, 0.0);
}

TEST(Beats, BpmFromBeatsAveragesOutHopJitter) {
  // Beats quantised to 512-sample hops at 48 kHz around a 0.5 s period.
  std::vector<double> beats;
  for (int i = 0; i < 20; ++i) beats.push_back(std::round(i * 0.5 * 48000 / 512) * 512 / 48000);
  EXPECT_NEAR(media::bpmFromBeats(beats), 120.0, 0.3);
  EXPECT_EQ(media::bpmFromBeats({1.0}), 0.0);
}

TEST(BeatSnap, MovesCutsOntoNearbyBeats) {
  model::Project project = smallProject({1.1, 0.9, 1.3, 0.7});  // cuts 1.1, 2.0, 3.3, end 4.0
  std::vector<double> beats;
  for (int i = 0; i <= 10; ++i) beats.push_back(0.5 * i);
  ASSERT_TRUE(project.requestSetBeats(beats));
  const media::SnapResult r = media::snapCutsToBeats(project);
  ASSERT_EQ(r.durations.size(), 4u);
  EXPECT_NEAR(r.durations[0].duration_s, 1.0, 1e-9);  // 1.1 -> 1.0
  EXPECT_NEAR(r.durations[1].duration_s, 1.0, 1e-9);  // 2.0 stays
  EXPECT_NEAR(r.durations[2].duration_s, 1.5, 1e-9);  // 3.3 -> 3.5
  EXPECT_NEAR(r.durations[3].duration_s, 0.5, 1e-9);  // end 4.0 stays
  EXPECT_EQ(r.snapped, 4);
  EXPECT_EQ(r.cuts, 4);
  // The project is untouched; withDurations gives the edited copy.
  EXPECT_DOUBLE_EQ(project.act(0).shots[0].duration_s, 1.1);
  const model::Project edited = media::withDurations(project, r);
  EXPECT_DOUBLE_EQ(edited.act(0).shots[2].duration_s, 1.5);
  EXPECT_EQ(edited.shotIds(), project.shotIds());
}

TEST(BeatSnap, LeavesFarCutsAndNeverMakesTinyShots) {
  model::Project project = smallProject({0.35, 0.3, 2.0});
  ASSERT_TRUE(project.requestSetBeats({0.5, 1.0, 5.0}));
  media::SnapOptions o;
  o.tolerance_s = 0.3;
  o.min_shot_s = 0.25;
  const media::SnapResult r = media::snapCutsToBeats(project, o);
  // Cut 0.35 -> 0.5 would leave shot 2 only 0.15 s before its original cut at 0.65: refused.
  EXPECT_NEAR(r.durations[0].duration_s, 0.35, 1e-9);
  // Cut 0.65 -> 0.5 leaves shot 2 0.15 s: refused too. End 2.65 has no beat within 0.3 s: kept.
  EXPECT_NEAR(r.durations[1].duration_s, 0.3, 1e-9);
  EXPECT_NEAR(r.total_after_s, 2.65, 1e-9);
  EXPECT_EQ(r.snapped, 0);
}

TEST(BeatSnap, RandomProjectsKeepTheTotalWithinOneBeat) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> dur(0.3, 4.0);
  std::uniform_real_distribution<double> bpmDist(70.0, 170.0);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> durations(size_t(2 + trial % 12));
    for (double& d : durations) d = dur(rng);
    model::Project project = smallProject(durations);
    const double beat = 60.0 / bpmDist(rng);
    std::vector<double> beats;
    for (double t = 0.05 * trial / 200.0; t < project.totalDuration_s() + 2.0; t += beat) beats.push_back(t);
    ASSERT_TRUE(project.requestSetBeats(beats));
    media::SnapOptions o;
    o.tolerance_s = 1.0;  // capped at half a beat
    const media::SnapResult r = media::snapCutsToBeats(project, o);
    EXPECT_LE(std::abs(r.total_after_s - r.total_before_s), beat + 1e-9);
    double t = 0.0;
    for (size_t k = 0; k < r.durations.size(); ++k) {
      EXPECT_GE(r.durations[k].duration_s, std::min(o.min_shot_s, durations[k]) - 1e-9);
      t += r.durations[k].duration_s;
    }
    EXPECT_NEAR(t, r.total_after_s, 1e-9);
    // A model edit accepts every new duration.
    const model::Project edited = media::withDurations(project, r);
    EXPECT_NEAR(edited.totalDuration_s(), r.total_after_s, 1e-9);
  }
}
