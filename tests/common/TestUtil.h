#pragma once
#include <QCoreApplication>
#include <QString>
#include <functional>
#include <memory>
#include <string>

namespace shotcraft::test {

// The application object the test main creates. UI test executables link a translation unit that sets
// applicationFactory() to build a QApplication instead of a QCoreApplication.
using AppFactory = std::function<std::unique_ptr<QCoreApplication>(int&, char**)>;
AppFactory& applicationFactory();
std::unique_ptr<QCoreApplication> makeApplication(int& argc, char** argv);

// Source tree paths.
std::string sourcePath(const std::string& relative);  // <repo>/relative
std::string refsPath(const std::string& relative);    // <repo>/../shared/refs/relative
bool refsAvailable();

}  // namespace shotcraft::test
