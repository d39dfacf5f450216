#pragma once
// Thin Conv2d, Linear and Embedding layers: the same parameters (`weight`, `bias`), shapes, forward and default
// initialisation as libtorch's torch::nn::Conv2d / Linear / Embedding, except that construction inside a
// SkipParameterInit scope (ParameterInit.h) leaves the weights undrawn for a loader to fill. State dicts, key maps
// and seeded random models are unchanged by the switch from libtorch's layers.
#include <torch/torch.h>

namespace shotcraft::torch_engine::nn {

struct Conv2dSpec {
  int64_t in = 0;
  int64_t out = 0;
  int64_t kernel = 1;
  int64_t stride = 1;
  int64_t padding = 0;
  bool bias = true;
};

// weight [out, in, k, k], bias [out]; forward = torch::conv2d (zero padding, no dilation, one group).
class Conv2dImpl : public torch::nn::Module {
 public:
  explicit Conv2dImpl(const Conv2dSpec& spec);
  torch::Tensor forward(const torch::Tensor& x);
  // libtorch's default: weight kaiming_uniform(a = sqrt(5)), i.e. U(+-1/sqrt(fan_in)) as is the bias.
  void resetParameters();
  const Conv2dSpec& spec() const { return m_spec; }

  torch::Tensor weight;
  torch::Tensor bias;  // undefined without bias (then not a registered parameter)

 private:
  Conv2dSpec m_spec;
};
TORCH_MODULE(Conv2d);

// weight [out, in], bias [out]; forward = torch::nn::functional::linear.
class LinearImpl : public torch::nn::Module {
 public:
  LinearImpl(int64_t in, int64_t out, bool bias = true);
  torch::Tensor forward(const torch::Tensor& x);
  // libtorch's default: weight kaiming_uniform(a = sqrt(5)), bias U(+-1/sqrt(in)).
  void resetParameters();

  torch::Tensor weight;
  torch::Tensor bias;
};
TORCH_MODULE(Linear);

// weight [count, dim]; forward = torch::embedding (no padding index, no max norm).
class EmbeddingImpl : public torch::nn::Module {
 public:
  EmbeddingImpl(int64_t count, int64_t dim);
  torch::Tensor forward(const torch::Tensor& ids);
  // libtorch's default: N(0, 1).
  void resetParameters();

  torch::Tensor weight;
};
TORCH_MODULE(Embedding);

}  // namespace shotcraft::torch_engine::nn
