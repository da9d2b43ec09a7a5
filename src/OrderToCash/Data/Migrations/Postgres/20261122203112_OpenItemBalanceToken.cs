using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OrderToCash.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpenItemBalanceToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
