"""GET /v1/resumes/{id}/export?format=json|pdf[&template=classic|modern]: a JSON Resume document,
or a download link to a PDF rendering of the visible sections."""

from vitae.platform.http import Answer, Request, Response, endpoint
from vitae.resumes import service
from vitae.resumes.models import ExportLink, ExportQuery, JsonResumeDocument

PDF = Answer(201, "`format=pdf`: a short-lived download link to the PDF, stored under exports/.", ExportLink)


@endpoint(query=ExportQuery, response=JsonResumeDocument, answers=(PDF,))
def handler(request: Request) -> Response:
    resume_id, query = request.path_params["id"], request.query
    if query.format == "pdf":
        return Response(200, service.export_pdf(request.caller, resume_id, query.template))
    return Response(200, service.export_json(request.caller, resume_id),
                    {"content-disposition": 'attachment; filename="resume.json"'})
