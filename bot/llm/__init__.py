"""The language model: loading (embedded GGUF or any Hugging Face model), prompts, and the generation engine.

Only this package imports torch and transformers, and only when a model is actually needed.
"""
