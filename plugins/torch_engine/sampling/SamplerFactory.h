#pragma once
// Sampler ids and construction: ddim, euler, euler_a, heun, dpmpp_2m, dpmpp_2m_karras, lcm.
#include <memory>
#include <string>
#include <vector>

#include "plugins/torch_engine/sampling/Sampler.h"

namespace shotcraft::torch_engine {

std::vector<std::string> samplerNames();

// Returns nullptr and sets `error` ("unknown sampler 'x' (known: ...)") for an unknown id.
std::unique_ptr<Sampler> createSampler(const std::string& name, const SchedulerConfig& config,
                                       std::string* error = nullptr);

}  // namespace shotcraft::torch_engine
