"""The default capability framework: the programme's seven development themes (DESIGN.md)."""

DEFAULT_CAPABILITIES: list[tuple[str, str, int]] = [
    (
        "Personal leadership qualities and resilience",
        "How you lead yourself: your values, self-awareness, and how you sustain yourself and "
        "others through pressure and setbacks.",
        300,
    ),
    (
        "Systems leadership, building alliances and partnerships",
        "How you lead beyond your own organisation: partnerships with health, police, schools "
        "and the voluntary sector that improve children's lives.",
        300,
    ),
    (
        "Working in political and corporate contexts",
        "How you work with elected members, chief executives and corporate colleagues, and "
        "hold your ground on what children need.",
        300,
    ),
    (
        "Leading in complexity",
        "How you make sound decisions with incomplete information, competing demands and "
        "high risk.",
        300,
    ),
    (
        "Engaging communities",
        "How you listen to children, families and communities and let what they say change "
        "what your services do.",
        300,
    ),
    (
        "Delivering results",
        "How you turn plans into measurable improvements for children, within budget.",
        300,
    ),
    (
        "Innovation and change",
        "How you lead change that lasts: trying new approaches, learning from what fails, "
        "and bringing people with you.",
        300,
    ),
]
