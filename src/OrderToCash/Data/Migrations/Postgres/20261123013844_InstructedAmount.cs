using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OrderToCash.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InstructedAmount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InstructedCurrency",
                table: "statement_lines",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InstructedMinor",
                table: "statement_lines",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InstructedCurrency",
                table: "statement_lines");

            migrationBuilder.DropColumn(
                name: "InstructedMinor",
                table: "statement_lines");
        }
    }
}
