#include "tests/common/TestUtil.h"

#include <filesystem>

namespace shotcraft::test {

AppFactory& applicationFactory() {
  static AppFactory factory = [](int& argc, char** argv) { return std::make_unique<QCoreApplication>(argc, argv); };
  return factory;
}

std::unique_ptr<QCoreApplication> makeApplication(int& argc, char** argv) { return applicationFactory()(argc, argv); }

std::string sourcePath(const std::string& relative) { return std::string(SHOTCRAFT_SOURCE_DIR) + "/" + relative; }

std::string refsPath(const std::string& relative) { return std::string(SHOTCRAFT_REFS_DIR) + "/" + relative; }

bool refsAvailable() { return std::filesystem::exists(refsPath("sd-tiny/README.md")); }

}  // namespace shotcraft::test
