#include <gtest/gtest.h>

#include "core/engine/EngineRegistry.h"

using namespace shotcraft::engine;

TEST(EngineRegistry, LoadsCurrentPluginAndRejectsOldApi) {
  EngineRegistry registry;
  EXPECT_EQ(registry.loadPlugins({QStringLiteral(DUMMY_PLUGIN_DIR)}), 1);
  ASSERT_NE(registry.factory("dummy-ok"), nullptr);
  EXPECT_EQ(registry.factory("dummy-old"), nullptr);
  ASSERT_EQ(registry.errors().size(), 1);
  EXPECT_TRUE(registry.errors().front().contains(QStringLiteral("API version 0")));
}

TEST(EngineRegistry, PluginEngineGenerates) {
  EngineRegistry registry;
  registry.loadPlugins({QStringLiteral(DUMMY_PLUGIN_DIR)});
  std::string error;
  auto factory = registry.require("dummy-ok", &error);
  ASSERT_NE(factory, nullptr) << error;
  auto engine = factory->create({}, &error);
  ASSERT_NE(engine, nullptr);
  GenerationRequest request;
  request.width = 16;
  request.height = 8;
  request.steps = 3;
  request.seed = 42;
  int calls = 0;
  auto result = engine->generate(request, [&](const Progress&) { ++calls; }, CancelToken());
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(result.image.width, 16);
  EXPECT_EQ(result.image.data[5], 42);
}

TEST(EngineRegistry, MissingEngineNamesWhereItLooked) {
  EngineRegistry registry;
  registry.loadPlugins({QStringLiteral(DUMMY_PLUGIN_DIR)});
  std::string error;
  EXPECT_EQ(registry.require("torch-nope", &error), nullptr);
  EXPECT_NE(error.find("engine plugin 'torch-nope' not found"), std::string::npos) << error;
  EXPECT_NE(error.find("dummy_plugins"), std::string::npos) << error;
}
