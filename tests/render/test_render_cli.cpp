#include <gtest/gtest.h>

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include "core/cli/Cli.h"
#include "core/model/ProjectIo.h"

using namespace shotcraft;

namespace {

class RenderCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_tmp.isValid());
    qputenv("SHOTCRAFT_PLUGIN_PATH", FAKE_PLUGIN_DIR);
    m_project = m_tmp.filePath(QStringLiteral("Cli.shotcraft"));
    m_model = m_tmp.filePath(QStringLiteral("model"));
    m_out = m_tmp.filePath(QStringLiteral("frames"));
    ASSERT_TRUE(QDir().mkpath(m_model));
    model::Project p;
    for (int act = 0; act < 2; ++act) {
      model::Shot s = p.makeShot();
      s.prompt = QStringLiteral("shot in act %1").arg(act + 1);
      s.width = 128;
      s.height = 72;
      s.duration_s = 0.5;
      s.fps = 12;
      s.steps = 2;
      ASSERT_TRUE(p.requestInsertShot(act, 0, s));
    }
    QString error;
    ASSERT_TRUE(model::ProjectIo::save(p, m_project, &error)) << error.toStdString();
  }
  void TearDown() override { qunsetenv("SHOTCRAFT_PLUGIN_PATH"); }

  int run(QStringList args) {
    m_stdout.clear();
    m_stderr.clear();
    QTextStream out(&m_stdout), err(&m_stderr);
    cli::Context ctx{out, err};
    args.prepend(QStringLiteral("render"));
    const int rc = cli::run(args, ctx);
    out.flush();
    err.flush();
    return rc;
  }
  model::Project load() {
    model::Project p;
    QString error;
    EXPECT_TRUE(model::ProjectIo::load(m_project, &p, &error)) << error.toStdString();
    return p;
  }

  QTemporaryDir m_tmp;
  QString m_project, m_model, m_out, m_stdout, m_stderr;
};

}  // namespace

TEST_F(RenderCli, RendersCopiesFramesSavesTakesAndReusesTheCache) {
  ASSERT_EQ(run({m_project, QStringLiteral("--model"), m_model, QStringLiteral("-o"), m_out}), 0)
      << m_stderr.toStdString();
  EXPECT_TRUE(m_stdout.contains(QStringLiteral("s01 frame 1/6"))) << m_stdout.toStdString();
  EXPECT_TRUE(m_stdout.contains(QStringLiteral("12 frames drawn, 0 from the cache"))) << m_stdout.toStdString();
  for (const char* folder : {"1_01_s01", "2_01_s02"}) {
    for (int i = 1; i <= 6; ++i) {
      EXPECT_TRUE(QFileInfo(QStringLiteral("%1/%2/frame_%3.png").arg(m_out, QLatin1String(folder)).arg(i, 4, 10,
                                                                                                  QLatin1Char('0')))
                      .isFile())
          << folder << " " << i;
    }
  }
  const model::Project saved = load();
  for (const QString& id : saved.shotIds()) {
    const model::Shot* s = saved.findShot(id);
    ASSERT_EQ(s->takes.size(), 1u) << id.toStdString();
    EXPECT_EQ(s->selected_take, s->takes[0].id);
    EXPECT_TRUE(QFileInfo(m_project + "/takes/" + s->takes[0].frames + "/take.json").isFile());
  }
  // Again: everything from the cache, no new takes.
  ASSERT_EQ(run({m_project, QStringLiteral("--model"), m_model, QStringLiteral("-o"), m_out}), 0);
  EXPECT_TRUE(m_stdout.contains(QStringLiteral("0 frames drawn, 12 from the cache"))) << m_stdout.toStdString();
  EXPECT_EQ(load(), saved);
  // One shot, final, not saved.
  ASSERT_EQ(run({m_project, QStringLiteral("--shots"), QStringLiteral("s02"), QStringLiteral("--final"),
                 QStringLiteral("--no-save"), QStringLiteral("--model"), m_model, QStringLiteral("-o"), m_out}),
            0)
      << m_stderr.toStdString();
  EXPECT_TRUE(m_stdout.contains(QStringLiteral("rendered 1/1 shots (final)"))) << m_stdout.toStdString();
  EXPECT_FALSE(m_stdout.contains(QStringLiteral("s01")));
  EXPECT_EQ(load(), saved);
}

TEST_F(RenderCli, MissingModelOrBadArgumentsFailWithOneLine) {
  EXPECT_NE(run({m_project, QStringLiteral("--model"), m_tmp.filePath("nope"), QStringLiteral("-o"), m_out}), 0);
  EXPECT_TRUE(m_stderr.contains(QStringLiteral("not found"))) << m_stderr.toStdString();
  EXPECT_EQ(m_stderr.count(QLatin1Char('\n')), 1);
  EXPECT_FALSE(QFileInfo::exists(m_out));
  EXPECT_NE(run({m_project, QStringLiteral("--model"), m_model}), 0);
  EXPECT_TRUE(m_stderr.contains(QStringLiteral("-o DIR"))) << m_stderr.toStdString();
  EXPECT_NE(run({m_project, QStringLiteral("--shots"), QStringLiteral("s99"), QStringLiteral("--model"), m_model,
                 QStringLiteral("-o"), m_out}),
            0);
  EXPECT_TRUE(m_stderr.contains(QStringLiteral("s99"))) << m_stderr.toStdString();
  EXPECT_NE(run({m_tmp.filePath("missing.shotcraft"), QStringLiteral("--model"), m_model, QStringLiteral("-o"),
                 m_out}),
            0);
  // Without the fake plugin (the real one, if built, finds no model in the empty folder): an error, no frames.
  qputenv("SHOTCRAFT_PLUGIN_PATH", m_tmp.filePath("no-plugins").toUtf8());
  EXPECT_NE(run({m_project, QStringLiteral("--model"), m_model, QStringLiteral("-o"), m_out}), 0);
  EXPECT_EQ(m_stderr.count(QLatin1Char('\n')), 1) << m_stderr.toStdString();
  EXPECT_FALSE(QFileInfo::exists(m_out));
}
