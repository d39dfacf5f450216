#include "tests/media/MediaTestUtil.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <cmath>
#include <cstring>
#include <gtest/gtest.h>

namespace shotcraft::test {

bool haveTool(const char* name) { return !QStandardPaths::findExecutable(QString::fromLatin1(name)).isEmpty(); }

QJsonObject probe(const QString& path) {
  QProcess p;
  p.start(QStringLiteral("ffprobe"), {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-count_frames"),
                                      QStringLiteral("-show_streams"), QStringLiteral("-show_format"),
                                      QStringLiteral("-of"), QStringLiteral("json"), path});
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

QJsonObject stream(const QJsonObject& probed, const QString& codecType) {
  for (const QJsonValue& s : probed.value(QStringLiteral("streams")).toArray()) {
    if (s.toObject().value(QStringLiteral("codec_type")).toString() == codecType) return s.toObject();
  }
  return {};
}

double rationalValue(const QString& text) {
  const QStringList parts = text.split(QLatin1Char('/'));
  if (parts.size() != 2 || parts[1].toDouble() == 0.0) return text.toDouble();
  return parts[0].toDouble() / parts[1].toDouble();
}

bool SyntheticSource::frame(int index, Image& out, std::string* error) {
  if (index < 0 || index >= m_frames) {
    if (error) *error = "synthetic frame out of range";
    return false;
  }
  out = Image(m_width, m_height, 3);
  const auto red = uint8_t(redFor(index));
  for (int y = 0; y < m_height; ++y) {
    for (int x = 0; x < m_width; ++x) {
      uint8_t* px = out.pixel(x, y);
      px[0] = red;
      px[1] = 90;
      px[2] = uint8_t(m_blue);
    }
  }
  const int side = std::max(4, m_height / 8);
  const int x0 = (index * 3) % std::max(1, m_width - side);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) std::memset(out.pixel(x0 + x, y), 255, 3);
  }
  return true;
}

media::Timeline syntheticTimeline(const std::vector<double>& durations_s, media::TimelineOptions options,
                                  double sourceFps) {
  std::vector<media::TimelineClip> clips;
  for (size_t i = 0; i < durations_s.size(); ++i) {
    media::TimelineClip c;
    const int frames = std::max(1, int(std::lround(durations_s[i] * sourceFps)));
    c.source = std::make_unique<SyntheticSource>(frames, sourceFps, options.width, options.height, int(60 * i));
    c.duration_s = durations_s[i];
    c.number = int(i) + 1;
    c.shotId = QStringLiteral("s%1").arg(i + 1, 2, 10, QLatin1Char('0'));
    clips.push_back(std::move(c));
  }
  return media::Timeline(std::move(clips), options);
}

bool writeWav(const QString& path, const std::vector<float>& samples, int sampleRate, int channels) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return false;
  auto u32 = [&](uint32_t v) { f.write(reinterpret_cast<const char*>(&v), 4); };  // little-endian host
  auto u16 = [&](uint16_t v) { f.write(reinterpret_cast<const char*>(&v), 2); };
  const auto dataBytes = uint32_t(samples.size() * 2);
  f.write("RIFF", 4);
  u32(36 + dataBytes);
  f.write("WAVEfmt ", 8);
  u32(16);
  u16(1);  // PCM
  u16(uint16_t(channels));
  u32(uint32_t(sampleRate));
  u32(uint32_t(sampleRate * channels * 2));
  u16(uint16_t(channels * 2));
  u16(16);
  f.write("data", 4);
  u32(dataBytes);
  for (float s : samples) {
    const auto v = int16_t(std::lround(std::clamp(s, -1.0f, 1.0f) * 32767.0f));
    f.write(reinterpret_cast<const char*>(&v), 2);
  }
  return f.error() == QFile::NoError;
}

std::vector<float> clickTrack(double bpm, double duration_s, int sampleRate, double start_s) {
  std::vector<float> out(size_t(duration_s * sampleRate), 0.0f);
  const double period = 60.0 / bpm;
  const int clickLength = sampleRate / 50;  // 20 ms, decaying
  for (double t = start_s; t < duration_s; t += period) {
    const auto first = size_t(std::lround(t * sampleRate));
    for (int i = 0; i < clickLength && first + size_t(i) < out.size(); ++i) {
      const double env = std::exp(-double(i) / (sampleRate * 0.003));
      out[first + size_t(i)] = float(0.8 * env * std::sin(2.0 * M_PI * 2000.0 * i / sampleRate));
    }
  }
  return out;
}

media::AudioBuffer sine(double frequency_hz, double amplitude, double duration_s) {
  media::AudioBuffer a;
  const auto n = size_t(std::lround(duration_s * media::AudioBuffer::kSampleRate));
  a.samples.resize(n * 2);
  for (size_t i = 0; i < n; ++i) {
    const float v = float(amplitude * std::sin(2.0 * M_PI * frequency_hz * double(i) / media::AudioBuffer::kSampleRate));
    a.samples[2 * i] = v;
    a.samples[2 * i + 1] = v;
  }
  return a;
}

model::Project smallProject(const std::vector<double>& durations_s) {
  model::Project project;
  model::RenderDefaults d = project.defaults();
  d.width = 160;
  d.height = 96;
  d.fps = 12;
  project.requestSetDefaults(d);
  for (size_t i = 0; i < durations_s.size(); ++i) {
    model::Shot shot = project.makeShot();
    shot.title = QStringLiteral("Shot title %1").arg(i + 1);
    shot.prompt = QStringLiteral("prompt number %1").arg(i + 1);
    shot.seed = 1000 + i;
    shot.duration_s = durations_s[i];
    shot.width = 160;
    shot.height = 96;
    shot.fps = 12;
    project.requestInsertShot(0, int(i), shot);
  }
  return project;
}

bool addSelectedTake(model::Project& project, const QString& projectDir, const QString& shotId,
                     const QString& folder, int frames) {
  const QDir takes(QDir(projectDir).filePath(QStringLiteral("takes")));
  if (!QDir().mkpath(takes.filePath(folder))) {
    ADD_FAILURE() << "cannot create " << takes.filePath(folder).toStdString();
    return false;
  }
  for (int i = 1; i <= frames; ++i) {
    const QString file = takes.filePath(folder + QStringLiteral("/img_%1.png").arg(i, 4, 10, QLatin1Char('0')));
    std::string error;
    if (!saveImage(file.toStdString(), Image(160, 96, 3), &error)) {
      ADD_FAILURE() << error;
      return false;
    }
  }
  const model::Take take{QStringLiteral("t01"), QDateTime::currentDateTimeUtc(), QStringLiteral("h"), folder, {}};
  const bool ok = project.requestAddTake(shotId, take) && project.requestSelectTake(shotId, take.id);
  if (!ok) ADD_FAILURE() << "cannot add a take to " << shotId.toStdString();
  return ok;
}

}  // namespace shotcraft::test
