#include "plugins/torch_engine/nn/Layers.h"

#include <cmath>
#include <initializer_list>
#include <limits>

#include "plugins/torch_engine/nn/ParameterInit.h"

namespace shotcraft::torch_engine::nn {

namespace {

namespace init = torch::nn::init;

// Skipped: left undrawn for a loader. Debug builds poison it so a parameter the loader missed cannot pass unseen.
void leaveForLoader(torch::Tensor& t) {
#ifndef NDEBUG
  torch::NoGradGuard noGrad;
  t.fill_(std::numeric_limits<float>::quiet_NaN());
#else
  (void)t;
#endif
}

// libtorch's Conv/Linear reset_parameters, step for step (same draws in the same order).
void kaimingDefault(torch::Tensor& weight, torch::Tensor& bias) {
  init::kaiming_uniform_(weight, /*a=*/std::sqrt(5.0));
  if (bias.defined()) {
    const auto fans = init::_calculate_fan_in_and_fan_out(weight);
    const double bound = 1.0 / std::sqrt(double(std::get<0>(fans)));
    init::uniform_(bias, -bound, bound);
  }
}

// Draws the layer's default initial values (`reset`), or, inside a SkipParameterInit scope, leaves its
// parameters for the loader.
template <typename Reset>
void initialise(std::initializer_list<torch::Tensor*> parameters, Reset reset) {
  if (!SkipParameterInit::active()) {
    reset();
    return;
  }
  for (torch::Tensor* t : parameters) {
    if (t->defined()) leaveForLoader(*t);
  }
}

}  // namespace

Conv2dImpl::Conv2dImpl(const Conv2dSpec& spec) : m_spec(spec) {
  TORCH_CHECK(spec.in > 0 && spec.out > 0 && spec.kernel > 0 && spec.stride > 0 && spec.padding >= 0,
              "Conv2d: bad shape in=", spec.in, " out=", spec.out, " kernel=", spec.kernel);
  weight = register_parameter("weight", torch::empty({spec.out, spec.in, spec.kernel, spec.kernel}));
  if (spec.bias) bias = register_parameter("bias", torch::empty({spec.out}));
  initialise({&weight, &bias}, [this] { resetParameters(); });
}

void Conv2dImpl::resetParameters() { kaimingDefault(weight, bias); }

torch::Tensor Conv2dImpl::forward(const torch::Tensor& x) {
  return torch::conv2d(x, weight, bias, {m_spec.stride, m_spec.stride}, {m_spec.padding, m_spec.padding});
}

LinearImpl::LinearImpl(int64_t in, int64_t out, bool withBias) {
  TORCH_CHECK(in > 0 && out > 0, "Linear: bad shape in=", in, " out=", out);
  weight = register_parameter("weight", torch::empty({out, in}));
  if (withBias) bias = register_parameter("bias", torch::empty({out}));
  initialise({&weight, &bias}, [this] { resetParameters(); });
}

void LinearImpl::resetParameters() { kaimingDefault(weight, bias); }

torch::Tensor LinearImpl::forward(const torch::Tensor& x) { return torch::nn::functional::linear(x, weight, bias); }

EmbeddingImpl::EmbeddingImpl(int64_t count, int64_t dim) {
  TORCH_CHECK(count > 0 && dim > 0, "Embedding: bad shape count=", count, " dim=", dim);
  weight = register_parameter("weight", torch::empty({count, dim}));
  initialise({&weight}, [this] { resetParameters(); });
}

void EmbeddingImpl::resetParameters() { init::normal_(weight); }

torch::Tensor EmbeddingImpl::forward(const torch::Tensor& ids) {
  return torch::embedding(weight, ids, /*padding_idx=*/-1, /*scale_grad_by_freq=*/false, /*sparse=*/false);
}

}  // namespace shotcraft::torch_engine::nn
