#include "core/model/Project.h"

#include <QSet>
#include <algorithm>
#include <cmath>

#include "core/model/Identifier.h"
#include "core/model/Limits.h"

namespace shotcraft::model {

namespace {
bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

QString checkBeats(const std::vector<double>& beats_s) {
  if (beats_s.size() > size_t(limits::kMaxBeats)) return QStringLiteral("beats: at most 100000 markers");
  for (size_t i = 0; i < beats_s.size(); ++i) {
    const double b = beats_s[i];
    if (!std::isfinite(b) || b < 0.0 || b > limits::kMaxBeat_s) {
      return QStringLiteral("beats[%1]: must be in 0..36000 s").arg(i);
    }
    if (i > 0 && b < beats_s[i - 1]) return QStringLiteral("beats[%1]: must not be before the previous beat").arg(i);
  }
  return {};
}

QString checkName(const QString& name) {
  if (name.trimmed().isEmpty()) return QStringLiteral("name: must not be empty");
  if (name.size() > 200) return QStringLiteral("name: must be at most 200 characters");
  return {};
}
}  // namespace

Project::Project() {
  m_acts[0].title = QStringLiteral("Setup");
  m_acts[1].title = QStringLiteral("Confrontation");
  m_acts[2].title = QStringLiteral("Resolution");
}

const Act& Project::act(int index) const { return m_acts[size_t(std::clamp(index, 0, kActCount - 1))]; }

int Project::shotCount() const {
  size_t n = 0;
  for (const Act& a : m_acts) n += a.shots.size();
  return static_cast<int>(n);
}

double Project::totalDuration_s() const {
  double total = 0.0;
  for (const Act& a : m_acts) total += a.duration_s();
  return total;
}

std::optional<ShotLocation> Project::locate(const QString& shotId) const {
  for (int a = 0; a < kActCount; ++a) {
    const auto& shots = m_acts[size_t(a)].shots;
    for (size_t r = 0; r < shots.size(); ++r) {
      if (shots[r].id == shotId) return ShotLocation{a, static_cast<int>(r)};
    }
  }
  return std::nullopt;
}

const Shot* Project::findShot(const QString& shotId) const {
  const auto where = locate(shotId);
  return where ? shotAt(*where) : nullptr;
}

const Shot* Project::shotAt(ShotLocation where) const {
  if (where.act < 0 || where.act >= kActCount) return nullptr;
  const auto& shots = m_acts[size_t(where.act)].shots;
  if (where.row < 0 || size_t(where.row) >= shots.size()) return nullptr;
  return &shots[size_t(where.row)];
}

QStringList Project::shotIds() const {
  QStringList ids;
  for (const Act& a : m_acts) {
    for (const Shot& s : a.shots) ids << s.id;
  }
  return ids;
}

std::optional<double> Project::shotStart_s(const QString& shotId) const {
  double t = 0.0;
  for (const Act& a : m_acts) {
    for (const Shot& s : a.shots) {
      if (s.id == shotId) return t;
      t += s.duration_s;
    }
  }
  return std::nullopt;
}

QString Project::summary() const {
  const int shots = shotCount();
  return QStringLiteral("%1 acts, %2 shot%3, %4 s")
      .arg(kActCount)
      .arg(shots)
      .arg(shots == 1 ? QString() : QStringLiteral("s"))
      .arg(totalDuration_s(), 0, 'f', 1);
}

QString Project::newShotId() const { return nextIdentifier(QStringLiteral("s"), shotIds()); }

Shot Project::makeShot() const {
  Shot s;
  s.id = newShotId();
  s.fps = m_defaults.fps;
  s.aspect = m_defaults.aspect;
  s.width = m_defaults.width;
  s.height = m_defaults.height;
  s.sampler = m_defaults.sampler;
  s.steps = m_defaults.steps;
  s.cfg_scale = m_defaults.cfg_scale;
  return s;
}

QString Project::validate() const {
  if (QString why = checkName(m_name); !why.isEmpty()) return why;
  if (QString why = m_brief.validate(); !why.isEmpty()) return QStringLiteral("brief.") + why;
  if (QString why = m_defaults.validate(); !why.isEmpty()) return QStringLiteral("defaults.") + why;
  QSet<QString> ids;
  for (int a = 0; a < kActCount; ++a) {
    const Act& act = m_acts[size_t(a)];
    const QString actPath = QStringLiteral("acts[%1].").arg(a);
    if (act.title.size() > 1000) return actPath + QStringLiteral("title: must be at most 1000 characters");
    if (act.shots.size() > size_t(limits::kMaxShotsPerAct)) return actPath + QStringLiteral("shots: at most 1000");
    for (size_t r = 0; r < act.shots.size(); ++r) {
      const Shot& shot = act.shots[r];
      const QString path = actPath + QStringLiteral("shots[%1].").arg(r);
      if (QString why = shot.validate(); !why.isEmpty()) return path + why;
      if (ids.contains(shot.id)) return path + QStringLiteral("id: duplicate shot id '%1'").arg(shot.id);
      ids.insert(shot.id);
    }
  }
  if (QString why = checkBeats(m_beats_s); !why.isEmpty()) return why;
  if (m_audio) {
    if (QString why = m_audio->validate(); !why.isEmpty()) return QStringLiteral("audio.") + why;
  }
  return {};
}

// --- project-level edits

bool Project::requestSetName(const QString& name, QString* error) {
  if (QString why = checkName(name); !why.isEmpty()) return fail(error, why);
  m_name = name;
  return true;
}

bool Project::requestSetBrief(const Brief& brief, QString* error) {
  if (QString why = brief.validate(); !why.isEmpty()) return fail(error, QStringLiteral("brief.") + why);
  m_brief = brief;
  return true;
}

bool Project::requestSetDefaults(const RenderDefaults& defaults, QString* error) {
  if (QString why = defaults.validate(); !why.isEmpty()) return fail(error, QStringLiteral("defaults.") + why);
  m_defaults = defaults;
  return true;
}

bool Project::requestSetActTitle(int act, const QString& title, QString* error) {
  if (act < 0 || act >= kActCount) return fail(error, QStringLiteral("act: index %1 is not in 0..2").arg(act));
  if (title.size() > 1000) return fail(error, QStringLiteral("title: must be at most 1000 characters"));
  m_acts[size_t(act)].title = title;
  return true;
}

bool Project::requestSetBeats(std::vector<double> beats_s, QString* error) {
  for (size_t i = 0; i < beats_s.size(); ++i) {
    if (!std::isfinite(beats_s[i])) return fail(error, QStringLiteral("beats[%1]: must be a finite number").arg(i));
  }
  std::sort(beats_s.begin(), beats_s.end());
  if (QString why = checkBeats(beats_s); !why.isEmpty()) return fail(error, why);
  m_beats_s = std::move(beats_s);
  return true;
}

bool Project::requestSetAudio(const std::optional<AudioTrack>& audio, QString* error) {
  if (audio) {
    if (QString why = audio->validate(); !why.isEmpty()) return fail(error, QStringLiteral("audio.") + why);
  }
  m_audio = audio;
  return true;
}

}  // namespace shotcraft::model
