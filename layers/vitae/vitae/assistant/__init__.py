"""The assistant (seed [G], DESIGN.md 6 "Assistant"): chat, tailored resumes, skills gaps, learning resources."""
