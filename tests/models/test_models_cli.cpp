// `shotcraft-cli models`: the table, folder errors, bad flags, and --load timing, against the test-only "torch"
// plugin of tests/render (its create() succeeds for any existing folder; its probe says it cannot inspect).
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "core/cli/Cli.h"
#include "tests/common/CliRun.h"

namespace {

using Result = shotcraft::test::CliResult;
using shotcraft::test::runCli;

void writeFile(const QString& path, qsizetype bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(QByteArray(bytes, 'x'));
}

class ModelsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_tmp.isValid());
    qputenv("SHOTCRAFT_PLUGIN_PATH", FAKE_PLUGIN_DIR);
    qputenv("SHOTCRAFT_MODEL_DIR", m_tmp.filePath(QStringLiteral("no-embedded")).toUtf8());
  }
  void TearDown() override {
    qunsetenv("SHOTCRAFT_PLUGIN_PATH");
    qunsetenv("SHOTCRAFT_MODEL_DIR");
  }
  QTemporaryDir m_tmp;
};

}  // namespace

TEST_F(ModelsCli, ListsTheEmbeddedModelAndTheFolders) {
  writeFile(m_tmp.filePath(QStringLiteral("models/old.ckpt")), 3 * 1024 * 1024);
  writeFile(m_tmp.filePath(QStringLiteral("models/loras/hero.safetensors")), 1024);
  writeFile(m_tmp.filePath(QStringLiteral("models/notes.txt")), 10);
  const Result r = runCli({QStringLiteral("models"), QStringLiteral("--folder"), m_tmp.filePath(QStringLiteral("models"))});
  EXPECT_EQ(r.code, 0) << r.err.toStdString();
  const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 4) << r.out.toStdString();  // header, embedded, old.ckpt, hero
  EXPECT_TRUE(lines[0].startsWith(QStringLiteral("KIND"))) << lines[0].toStdString();
  EXPECT_TRUE(lines[1].contains(QStringLiteral("shotcraft-tiny (embedded)"))) << lines[1].toStdString();
  EXPECT_TRUE(lines[1].contains(QStringLiteral("not installed"))) << lines[1].toStdString();
  EXPECT_TRUE(lines[2].startsWith(QStringLiteral("checkpoint"))) << lines[2].toStdString();
  EXPECT_TRUE(lines[2].contains(QStringLiteral("3.0"))) << lines[2].toStdString();  // size in MB
  EXPECT_TRUE(lines[2].contains(QStringLiteral("never unpickles"))) << lines[2].toStdString();
  EXPECT_TRUE(lines[3].startsWith(QStringLiteral("lora"))) << lines[3].toStdString();
  EXPECT_TRUE(lines[3].contains(QStringLiteral("hero"))) << lines[3].toStdString();
  EXPECT_FALSE(r.out.contains(QStringLiteral("notes")));

  const Result paths = runCli({QStringLiteral("models"), QStringLiteral("--paths"), QStringLiteral("--folder"),
                               m_tmp.filePath(QStringLiteral("models"))});
  EXPECT_TRUE(paths.out.contains(m_tmp.filePath(QStringLiteral("models/loras/hero.safetensors"))));
}

TEST_F(ModelsCli, MissingFolderExitsOneNamingIt) {
  const QString missing = m_tmp.filePath(QStringLiteral("nope"));
  const Result r = runCli({QStringLiteral("models"), QStringLiteral("--folder"), missing});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(r.err.contains(missing)) << r.err.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral("(embedded)")));  // the rest is still listed
}

TEST_F(ModelsCli, WrongArgumentsGiveOneLine) {
  for (const QStringList& args :
       {QStringList{QStringLiteral("models"), QStringLiteral("--bogus")},
        QStringList{QStringLiteral("models"), QStringLiteral("somewhere")},
        QStringList{QStringLiteral("models"), QStringLiteral("--device"), QStringLiteral("cpu")},
        QStringList{QStringLiteral("models"), QStringLiteral("--model"), QStringLiteral("x")}}) {
    const Result r = runCli(args);
    EXPECT_EQ(r.code, 2) << args.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(r.err.count(QLatin1Char('\n')), 1) << r.err.toStdString();
    EXPECT_TRUE(r.out.isEmpty());
  }
  const Result help = runCli({QStringLiteral("models"), QStringLiteral("--help")});
  EXPECT_EQ(help.code, 0);
  EXPECT_TRUE(help.out.contains(QStringLiteral("--load")));
  EXPECT_TRUE(runCli({QStringLiteral("--help")}).out.contains(QStringLiteral("models [--folder DIR")));
}

TEST_F(ModelsCli, LoadPrintsTheTimeAndTheMapping) {
  writeFile(m_tmp.filePath(QStringLiteral("sd/unet/diffusion_pytorch_model.safetensors")), 2 * 1024 * 1024);
  writeFile(m_tmp.filePath(QStringLiteral("sd/vae/diffusion_pytorch_model.safetensors")), 1024 * 1024);
  const Result r = runCli({QStringLiteral("models"), QStringLiteral("--load"), m_tmp.filePath(QStringLiteral("sd")),
                           QStringLiteral("--device"), QStringLiteral("cpu")});
  EXPECT_EQ(r.code, 0) << r.err.toStdString();
  EXPECT_TRUE(r.out.startsWith(QStringLiteral("Loaded ") + m_tmp.filePath(QStringLiteral("sd")) + QStringLiteral(" in ")))
      << r.out.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral(" s ("))) << r.out.toStdString();
  EXPECT_TRUE(r.out.contains(QStringLiteral("memory-mapped: yes (2 .safetensors files, 3.0 MB)"))) << r.out.toStdString();

  const Result missing = runCli({QStringLiteral("models"), QStringLiteral("--load"), m_tmp.filePath(QStringLiteral("nope"))});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err.count(QLatin1Char('\n')), 1) << missing.err.toStdString();
  EXPECT_TRUE(missing.err.contains(QStringLiteral("nope")));
}
