// `shotcraft-cli eval` argument errors: each fails fast with one line naming what is wrong, before any model
// is loaded.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include "core/cli/Cli.h"

using namespace shotcraft;

namespace {

struct EvalRun {
  int rc = 0;
  QString out, err;
};

EvalRun runEval(const QStringList& args) {
  EvalRun r;
  QTextStream out(&r.out), err(&r.err);
  cli::Context ctx{out, err};
  r.rc = cli::run(QStringList{QStringLiteral("eval")} + args, ctx);
  out.flush();
  err.flush();
  return r;
}

}  // namespace

TEST(EvalArgs, HelpNamesTheOptions) {
  const EvalRun r = runEval({QStringLiteral("--help")});
  EXPECT_EQ(r.rc, 0);
  for (const char* option : {"--quick", "--count", "--control-count", "--steps", "--guidance-rescale", "--control-mode",
                             "--seed", "--model", "--output"}) {
    EXPECT_TRUE(r.out.contains(QLatin1String(option))) << option << "\n" << r.out.toStdString();
  }
}

TEST(EvalArgs, TheCommandIsInTheTopLevelHelp) {
  QString out, err;
  QTextStream o(&out), e(&err);
  cli::Context ctx{o, e};
  EXPECT_EQ(cli::run({QStringLiteral("--help")}, ctx), 0);
  o.flush();
  EXPECT_TRUE(out.contains(QLatin1String("eval [--quick]"))) << out.toStdString();
}

TEST(EvalArgs, BadFlagsAreOneLineErrors) {
  QTemporaryDir tmp;
  const QString model = tmp.path();
  for (const QStringList& args :
       {QStringList{QStringLiteral("--count"), QStringLiteral("abc")},
        QStringList{QStringLiteral("--count"), QStringLiteral("0")},
        QStringList{QStringLiteral("--steps"), QStringLiteral("-3")},
        QStringList{QStringLiteral("--cfg"), QStringLiteral("x")},
        QStringList{QStringLiteral("--guidance-rescale"), QStringLiteral("-0.1")},
        QStringList{QStringLiteral("--seed"), QStringLiteral("-1")},
        QStringList{QStringLiteral("--control-mode"), QStringLiteral("strong")},
        QStringList{QStringLiteral("--no-such-flag")}, QStringList{QStringLiteral("stray")}}) {
    const EvalRun r = runEval(QStringList{QStringLiteral("--model"), model} + args);
    EXPECT_EQ(r.rc, 2) << args.join(' ').toStdString();
    EXPECT_TRUE(r.err.startsWith(QLatin1String("shotcraft-cli eval: "))) << r.err.toStdString();
    EXPECT_EQ(r.err.count(QLatin1Char('\n')), 1) << r.err.toStdString();
  }
  const EvalRun count = runEval({QStringLiteral("--model"), model, QStringLiteral("--count"), QStringLiteral("abc")});
  EXPECT_TRUE(count.err.contains(QLatin1String("--count"))) << count.err.toStdString();
  const EvalRun mode =
      runEval({QStringLiteral("--model"), model, QStringLiteral("--control-mode"), QStringLiteral("strong")});
  EXPECT_TRUE(
      mode.err.contains(QLatin1String("--control-mode: expected auto, balanced or control_first, got 'strong'")))
      << mode.err.toStdString();
}

TEST(EvalArgs, AMissingModelIsNamed) {
  QTemporaryDir tmp;
  const EvalRun r = runEval({QStringLiteral("--model"), tmp.filePath(QStringLiteral("nope")), QStringLiteral("-o"),
                             tmp.filePath(QStringLiteral("out"))});
  EXPECT_EQ(r.rc, 1);
  EXPECT_TRUE(r.err.contains(QLatin1String("--model"))) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(QLatin1String("nope"))) << r.err.toStdString();
  EXPECT_FALSE(QDir(tmp.filePath(QStringLiteral("out"))).exists());
}

TEST(EvalArgs, AnUnwritableOutputFolderIsNamed) {
  QTemporaryDir tmp;
  QFile file(tmp.filePath(QStringLiteral("a-file")));
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.close();
  const QString out = tmp.filePath(QStringLiteral("a-file/sub"));
  const EvalRun r = runEval({QStringLiteral("--model"), tmp.path(), QStringLiteral("-o"), out});
  EXPECT_EQ(r.rc, 1);
  EXPECT_TRUE(r.err.contains(QLatin1String("-o"))) << r.err.toStdString();
  EXPECT_TRUE(r.err.contains(out)) << r.err.toStdString();
}
