// CLI: validate, info, import-fountain, and train's argument checks.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "core/cli/Cli.h"
#include "core/model/ProjectIo.h"
#include "tests/common/CliRun.h"
#include "tests/common/TestUtil.h"

namespace {
using Result = shotcraft::test::CliResult;
using shotcraft::test::runCli;

QString demo() { return QString::fromStdString(shotcraft::test::sourcePath("resources/demo/NeonDawn.shotcraft")); }
QString sample() { return QString::fromStdString(shotcraft::test::sourcePath("resources/samples/neon_dawn.fountain")); }
int lineCount(const QString& s) { return int(s.split('\n', Qt::SkipEmptyParts).size()); }
}  // namespace

TEST(CliValidate, DemoIsOk) {
  const Result r = runCli({"validate", demo()});
  EXPECT_EQ(r.code, 0) << r.err.toStdString();
  EXPECT_EQ(r.out, QStringLiteral("OK: Neon Dawn: 3 acts, 10 shots, 43.5 s\n"));
  EXPECT_TRUE(r.err.isEmpty());
  EXPECT_EQ(runCli({"validate", demo() + "/project.json"}).code, 0);
}

TEST(CliValidate, InvalidProjectExitsOneWithTheFieldPath) {
  QTemporaryDir tmp;
  const QString folder = tmp.filePath("Bad.shotcraft");
  QDir().mkpath(folder);
  QFile f(folder + "/project.json");
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(R"({"schema":1,"app":"shotcraft","acts":[{"shots":[]},{"shots":[{"id":"a","duration":1},
          {"id":"b","duration":-2}]},{"shots":[]}]})");
  f.close();
  const Result r = runCli({"validate", folder});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, QStringLiteral("INVALID: acts[1].shots[1].duration: must be > 0\n"));
  EXPECT_TRUE(r.out.isEmpty());
  const Result missing = runCli({"validate", tmp.filePath("Nope.shotcraft")});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(lineCount(missing.err), 1);
}

TEST(CliValidate, BadArguments) {
  EXPECT_EQ(runCli({"validate"}).code, 2);
  EXPECT_TRUE(runCli({"validate"}).err.contains(QStringLiteral("missing PROJECT")));
  const Result unknown = runCli({"validate", "--frobnicate", demo()});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_TRUE(unknown.err.contains(QStringLiteral("unknown option '--frobnicate'")));
  EXPECT_EQ(lineCount(unknown.err), 1);
  EXPECT_EQ(runCli({"validate", demo(), demo()}).code, 2);
  const Result help = runCli({"validate", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_TRUE(help.out.startsWith(QStringLiteral("Usage: shotcraft-cli validate PROJECT")));
}

TEST(CliInfo, SummaryThenOneLinePerShot) {
  const Result r = runCli({"info", demo()});
  ASSERT_EQ(r.code, 0) << r.err.toStdString();
  const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 11);
  EXPECT_EQ(lines[0], QStringLiteral("3 acts, 10 shots, 43.5 s"));
  EXPECT_TRUE(lines[1].startsWith(QStringLiteral("1   1  s01 "))) << lines[1].toStdString();
  for (const char* part : {"5.0 s", "12 fps", "256x144", "euler_a", "seed 1207", "Skyline before dawn: wide shot"}) {
    EXPECT_TRUE(lines[1].contains(QLatin1String(part))) << part << " in " << lines[1].toStdString();
  }
  EXPECT_TRUE(lines[10].startsWith(QStringLiteral("3   3  s10 "))) << lines[10].toStdString();
  EXPECT_EQ(runCli({"info"}).code, 2);
  EXPECT_EQ(runCli({"info", "-x", demo()}).code, 2);
  EXPECT_EQ(runCli({"info", "/no/such/project"}).code, 1);
  EXPECT_EQ(runCli({"info", "--help"}).code, 0);
}

TEST(CliImportFountain, WritesANewProjectAndRefusesToOverwrite) {
  QTemporaryDir tmp;
  const QString out = tmp.filePath("Neon");
  const Result r = runCli({"import-fountain", sample(), "-o", out});
  ASSERT_EQ(r.code, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.startsWith(QStringLiteral("Wrote ") + out + QStringLiteral(".shotcraft: 3 acts, 9 shots, ")))
      << r.out.toStdString();
  EXPECT_TRUE(QFileInfo(out + ".shotcraft/project.json").isFile());
  EXPECT_TRUE(QFileInfo(out + ".shotcraft/assets").isDir());
  EXPECT_TRUE(QFileInfo(out + ".shotcraft/takes").isDir());
  const Result v = runCli({"validate", out + ".shotcraft"});
  EXPECT_EQ(v.code, 0) << v.err.toStdString();
  EXPECT_TRUE(v.out.startsWith(QStringLiteral("OK: Neon Dawn: 3 acts, 9 shots,")));

  QFile f(out + ".shotcraft/project.json");
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const QByteArray before = f.readAll();
  f.close();
  const Result again = runCli({"import-fountain", sample(), "-o", out + ".shotcraft"});
  EXPECT_EQ(again.code, 1);
  EXPECT_TRUE(again.err.contains(QStringLiteral("already exists (use --force"))) << again.err.toStdString();
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  EXPECT_EQ(f.readAll(), before);
  f.close();
  EXPECT_EQ(runCli({"import-fountain", "--force", sample(), "-o", out}).code, 0);
}

TEST(CliImportFountain, BadInput) {
  QTemporaryDir tmp;
  EXPECT_EQ(runCli({"import-fountain"}).code, 2);
  EXPECT_EQ(runCli({"import-fountain", sample()}).code, 2);  // no -o
  EXPECT_EQ(runCli({"import-fountain", sample(), "-o"}).code, 2);
  EXPECT_EQ(runCli({"import-fountain", sample(), "-o", tmp.filePath("A"), "--dry"}).code, 2);
  EXPECT_EQ(runCli({"import-fountain", sample(), "extra", "-o", tmp.filePath("A")}).code, 2);
  const Result missing = runCli({"import-fountain", tmp.filePath("none.fountain"), "-o", tmp.filePath("B")});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(lineCount(missing.err), 1);
  EXPECT_FALSE(QFileInfo::exists(tmp.filePath("B.shotcraft")));
  QFile prose(tmp.filePath("prose.fountain"));
  ASSERT_TRUE(prose.open(QIODevice::WriteOnly));
  prose.write("Nothing but prose.\n");
  prose.close();
  const Result noScenes = runCli({"import-fountain", prose.fileName(), "-o", tmp.filePath("C")});
  EXPECT_EQ(noScenes.code, 1);
  EXPECT_TRUE(noScenes.err.contains(QStringLiteral("no scene headings")));
  const Result help = runCli({"import-fountain", "--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_TRUE(help.out.contains(QStringLiteral("--force")));
}

// A misspelt --set key, or a word where a number belongs, once fell back to the stage's default without a word.
TEST(CliTrain, RefusesUnknownAndNonNumericSettings) {
  QTemporaryDir dir;
  const Result unknown = runCli({"train", "vae", "--out", dir.path(), "--set", "edge_los=1"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_TRUE(unknown.err.contains(
      "--set: unknown setting 'edge_los' (known: dest, init, precision, prediction, checkpoint_every"))
      << unknown.err.toStdString();
  const Result word = runCli({"train", "vae", "--out", dir.path(), "--set", "edge_loss=abc"});
  EXPECT_EQ(word.code, 1);
  EXPECT_TRUE(word.err.contains("--set edge_loss: expected a number, got 'abc'")) << word.err.toStdString();
  EXPECT_EQ(runCli({"train", "vae", "--out", dir.path(), "--set", "latent_channels=nan"}).code, 1);
  EXPECT_TRUE(QDir(dir.path()).isEmpty()) << "nothing trained or written";
}

// generate checks its flags before it loads anything: each bad one is a one-line error naming the flag.
TEST(CliGenerate, BadFlagsAreOneLineErrors) {
  QTemporaryDir tmp;
  const QString out = tmp.filePath("out.png");
  const struct {
    QStringList args;
    const char* message;
  } cases[] = {
      {{"--control-mode", "strong"}, "--control-mode: expected auto, balanced or control_first, got 'strong'"},
      {{"--control", "depth"}, "--control: expected KIND=IMG[:WEIGHT[:START:END]], got 'depth'"},
      {{"--control", "sketch=a.png"}, "--control: unknown kind 'sketch'"},
      {{"--steps", "0"}, "--steps"},
      {{"--guidance-rescale", "2"}, "--guidance-rescale: expected a number from 0 to 1, got '2'"},
  };
  for (const auto& c : cases) {
    const Result r = runCli(QStringList{"generate", "--prompt", "a city", "-o", out} + c.args);
    EXPECT_NE(r.code, 0) << c.args.join(' ').toStdString();
    EXPECT_TRUE(r.err.startsWith(QStringLiteral("shotcraft-cli generate: "))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String(c.message))) << r.err.toStdString();
    EXPECT_EQ(lineCount(r.err), 1) << r.err.toStdString();
  }
  EXPECT_FALSE(QFileInfo::exists(out));
}
